/**
 * The words behind comment-text.ts. Lists are lower case without accents, the form text is
 * folded into before a word is looked up, and each is one string split at first use: this
 * ships in the submit Lambda, whose bundle is near its size budget.
 */

/**
 * Common given names in English and Spanish, leaving out those that are everyday words too
 * (Hope, Grace, Will, Mark, Dolores, Rosa, Luz, Jesús): capitalised at the start of a
 * sentence, they would be removed far more often as words than as names.
 */
export const GIVEN_NAMES =
  'james john robert michael david richard joseph thomas charles christopher daniel matthew anthony donald steven paul andrew joshua kenneth kevin brian ' +
  'george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan larry justin scott brandon benjamin samuel gregory alexander patrick ' +
  'raymond dennis jerry tyler aaron adam nathan henry douglas peter kyle ethan walter jeremy keith roger sean austin jordan bryan alan mike chris steve ' +
  'tom dan dave jim bob tony joe matt nick jeff greg ben sam alex josh jake jack luke marcus mary patricia jennifer linda elizabeth barbara susan jessica ' +
  'sarah karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca sharon laura cynthia ' +
  'kathleen amy angela anna brenda pamela emma nicole helen samantha katherine catherine christine debra rachel carolyn janet heather diane ruth julie ' +
  'olivia kelly lauren christina megan andrea hannah jacqueline martha teresa ann sara jean alice sophia julia denise danielle diana natalie brittany ' +
  'kayla tiffany wendy erin jill dana tina tracy kristen courtney allison kate katie jenny beth kim pam debbie kathy molly chloe claire vanessa veronica ' +
  'erica jasmine melanie lucy jane shannon lindsay whitney carrie jamie tara jose juan luis carlos jorge miguel antonio francisco manuel pedro alejandro ' +
  'ricardo fernando javier roberto eduardo rafael sergio raul arturo alberto enrique mario hector oscar ramon victor pablo andres diego gabriel ruben ' +
  'adrian alfredo armando guillermo gerardo gustavo hugo ignacio jaime joaquin marco martin mateo mauricio nicolas rodrigo santiago tomas vicente emilio ' +
  'ernesto esteban felipe gonzalo alvaro cristian angel ivan omar rogelio efrain julian pepe paco maria carmen ana isabel lucia marta elena sofia beatriz ' +
  'silvia gabriela adriana alejandra claudia monica leticia guadalupe lupe margarita josefina yolanda norma irma alicia araceli angelica carolina cecilia ' +
  'daniela esther eva fernanda graciela ines juana karina lorena lourdes luisa marisol maribel mariana marina mercedes miriam natalia olga paola raquel ' +
  'rebeca susana valeria valentina ximena yesenia antonia nuria montserrat catalina victoria noelia camila gloria sonia liliana';

/** Common surnames in English and Spanish, leaving out everyday words (Brown, Ward, Cruz, Reyes, Blanco). */
export const SURNAMES =
  'smith johnson williams jones miller davis wilson anderson taylor moore jackson thompson harris clark lewis robinson walker allen wright campbell ' +
  'carter roberts phillips evans turner parker collins edwards stewart morris murphy rogers morgan peterson cooper reed bailey howard richardson watson ' +
  'brooks bennett hughes myers foster sanders ross powell sullivan jenkins perry butler barnes fisher henderson coleman simmons patterson reynolds ' +
  'hamilton graham wallace gibson bryant ellis stevens murray marshall owens harrison mcdonald washington kennedy freeman burns simpson gordon shaw ' +
  'snyder wagner robertson warren meyer schmidt ferguson obrien oconnor mccarthy park lee patel shah singh khan chen wong nguyen tran cohen garcia ' +
  'rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores rivera gomez diaz morales ortiz gutierrez chavez ramos ruiz alvarez ' +
  'mendoza vasquez vazquez castillo jimenez moreno romero herrera medina aguilar vargas guzman munoz mendez salazar soto delgado pena contreras sandoval ' +
  'guerrero rios estrada ortega nunez maldonado dominguez vega espinoza rojas marquez padilla molina cervantes acosta luna juarez campos figueroa silva ' +
  'fernandez navarro cortez serrano ibarra cabrera avila fuentes carrillo valdez rosales lara suarez mejia miranda zamora cisneros pacheco velazquez ' +
  'calderon solis benitez villanueva camacho duarte trujillo orozco bautista beltran lozano castro santana gil marin rubio rivas quintero osorio velasco ' +
  'arias pineda valencia ochoa escobar ponce robles aguirre ayala cardenas correa montoya sosa quispe mamani';

/**
 * Capitalised words that are not names, so two in a row ("Press Ganey", "Code Blue") are not
 * taken for one. Entries in capitals (EHR, ED) match only a word in capitals: "Ed" may be a person.
 */
export const NOT_NAMES =
  'I EHR EMR ICU NICU PICU PACU ER ED OR HR IT PTO RN LPN CNA NP PA MD CEO CNO COVID OK epic cerner meditech kronos workday teams zoom outlook pyxis ' +
  'mychart ganey magnet medicare medicaid covid god dios christmas navidad english spanish mom dad monday tuesday wednesday thursday friday saturday ' +
  'sunday lunes martes miercoles jueves viernes sabado domingo january february march april may june july august september october november december ' +
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre emergency emergencias urgencias hospital health care medical ' +
  'center clinic clinica centro salud unit unidad lab room floor planta wing tower department program team office services resources recursos code rapid ' +
  'response step night day week shift turno staff new north south east west main med surg tele float charge assistant aide tech resident attending fellow ' +
  'intern practitioner physician chief officer patient patients safety town rounds medicina seguro quirofano guardia trauma neuro ortho cardiac medicine ' +
  'general';

/**
 * Words after which a capitalised word is a name: honorifics, which may take a full stop
 * ("Dr. Okafor"), and roles. Roles in capitals count only in capitals ("PA", not Spanish "pa").
 */
export const HONORIFICS = 'dr dra mr mrs ms mx sr sra srta lic prof';
export const ROLE_TITLES =
  'doctor doctora nurse enfermera enfermero licenciada licenciado professor profesor profesora dona manager director directora supervisor supervisora ' +
  'jefe jefa gerente coordinator coordinador coordinadora educator RN NP PA MD LPN CNA Miss';

/**
 * What each theme is recognised by. Entries are separated by "|"; a trailing "*" takes any
 * ending ("chart*": charting), a space also matches a hyphen or nothing ("short staff*":
 * short-staffed), and an entry matches whole words only.
 */
export const THEME_WORDS = {
  emr:
    'emr|ehr|epic|cerner|meditech|chart*|document*|inbox*|in basket|click*|clic|clics|computer*|computadora*|login*|password*|pop up*|paperwork|papeleo|' +
    'notes|notas|pantalla*|sistema informatico|expediente electronico|expediente clinico|registro*',
  staffing:
    'staffing|short staff*|understaff*|short handed|ratio|ratios|workload*|work load|overwork*|patient load|too many patients|acuity|census|float*|agency|' +
    'traveler*|no break*|missed break*|assignment*|falta de personal|personal insuficiente|poco personal|carga de trabajo|carga laboral|sobrecarga*|' +
    'demasiados pacientes|exceso de trabajo|plantilla*',
  scheduling:
    'schedul*|shift swap*|shift trade*|shift change*|double shift*|night shifts|12 hour shift*|overtime|on call|pto|time off|day off|days off|vacation*|weekend*|holiday*|rotation*|doubles|calendar*|horario*|turnos|doble turno|cambio de turno|horas extra*|' +
    'tiempo extra|guardia*|vacacion*|dia libre|dias libres|fin de semana|fines de semana|festivo*|permiso*|descanso*|calendario*|jornada*',
  leadership:
    'manager*|management|leader*|supervisor*|director*|admin|administration|administrator*|boss*|executive*|chief*|cno|ceo|human resources|corporate|jefe*|' +
    'jefa*|jefatura*|gerencia*|gerente*|direccion|directiv*|lider*|mandos|administracion|recursos humanos|coordinador*|coordinacion|superiores',
  safety:
    'violen*|abus*|yell*|scream*|shout*|threat*|assault*|punch*|kick*|spit|spat|harass*|bully|bullied|bullies|bullying|unsafe|danger*|safety|injur*|' +
    'combative|aggress*|weapon*|security|retaliat*|discriminat*|racis*|agresi*|agred*|grit*|insult*|amenaz*|acoso|acosad*|hostig*|golpe*|insegur*|seguridad|' +
    'peligr*|lesionad*|maltrat*|discrimin*|escupi*|represalia*',
  connection:
    'team*|coworker*|co worker*|colleague*|peer*|peers|support*|recogni*|recognis*|apprecia*|valued|thank*|morale|lonel*|belong|belonging|camaraderie|' +
    'companer*|equipo*|apoy*|reconoc*|agradec*|valorad*|colega*|solidaridad|ambiente laboral|buen ambiente',
} as const;

/** Words of self-harm, suicide or acute crisis, written as THEME_WORDS are, and without apostrophes ("dont"): text is matched with them removed. */
export const CRISIS_WORDS =
  'suicid*|kill myself|killing myself|end my life|ending my life|end it all|take my own life|take my life|want to die|wanna die|wish i was dead|' +
  'wish i were dead|better off dead|dont want to be here any more|do not want to be here any more|dont want to be alive|dont want to live|' +
  'do not want to live|hurt myself|hurting myself|harm myself|harming myself|self harm*|cut myself|cutting myself|no reason to live|nothing to live for|' +
  'cant go on|can not go on|not worth living|quitarme la vida|quitar la vida|matarme|me quiero matar|quiero morir*|quisiera morir*|' +
  'ganas de morir*|no quiero vivir|no quiero seguir viviendo|hacerme dano|lastimarme|autolesion*|no puedo mas|acabar con mi vida|terminar con mi vida|' +
  'mejor muert*|sin razon para vivir|ninguna razon para vivir|no tengo razon para vivir|no hay razon para vivir|no vale la pena vivir';

/** Clinical work or an idiom of overwork holding a crisis word, taken out first so "suicide screening" alone does not count. */
export const NOT_CRISIS_WORDS =
  'suicide risk assessment*|suicide screen*|suicide precaution*|suicidal patient*|riesgo suicida|riesgo de suicidio|matarme trabajando|matarme a trabajar|' +
  'killing myself working';
