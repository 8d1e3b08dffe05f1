"""English level cues for the top of the ladder: harm, serious or lasting harm, and the
procedural violations that make serious harm an accident (taxonomy, rule 3).

harm: bodily injury beyond normal discomfort. serious: hospitalisation, ICU, lasting or
permanent damage, lost vision or a healthy tooth. violation: wrong tooth/site/patient/product,
expired, counterfeit or reused items, ignored documented allergy, skipped imaging, tests,
monitoring or eye protection, overdose, a patient left unattended. unsterile: the violation
is about instruments (also the `environment` category). normal: effects the writer accepts.
Words are stemmed before matching.
"""

HARM_CUES = {
    "harm": (
        "pain|pains|painful|hurt*|ache*|aching|throbb*|agony", "infect*|pus|abscess*|fungal|sepsis|septic",
        "swell*|swollen|inflam*|bruis*|lump*|nodule*", "burn|burns|burned|burnt|blister*",
        "scar|scars|scarring|scarred", "numb*|tingl*", "nerve damage|injury", "nerve ~ dead|died|damaged", "dead nerve", "bleed*|bled|haemorrhag*",
        "necros*|blanch*", "dead skin", "crack*|split|broken|chipped|fractur* tooth|teeth|crown|enamel",
        "tooth|teeth ~ crack*|split|broken|chipped|damaged|loose", "cavit*|decay", "white spots",
        "asymmetr*|uneven|lopsided|droop*", "lower than", "fail* implant", "implant ~ fail*|loose|fell_out",
        "allerg* reaction", "anaphyla*", "rash|hives", "dry and gritty", "double vision",
        "difficulty swallowing|breathing", "can't|cannot|couldn't eat|sleep|chew|open|breathe", "unable to eat|sleep|chew|open|breathe",
        "struggl*|trouble|difficulty ~ eat*|sleep*|chew*|swallow*|open*|breath*", "hospital*|a&e|er",
        "injur*|harm", "damage to", "osteomyel*|debrid*", "complication*", "lost|lose ~ tooth|teeth|vision|sight|feeling",
        "melanoma|cancer", "delayed ~ diagnosis", "not heal*", "bite ~ wrong|off", "jaw ~ pain|click*",
        "seroma", "discolou*|hyperpigment*|pigmentation|dark_patches", "side effect*", "trauma", "sensitiv*",
        "peri-implantitis|periimplantitis|osteonecros*|dry_socket|keratitis|cellulitis|phlegmon",
        "throat|face|lips|tongue|airway ~ swell*|swollen|tight*|clos*", "ambulance",
    ),
    "serious": (
        "hospitalis*|hospitaliz*|admitted", "icu|resusc*", "intensive care", "emergency room|department",
        "necros*", "perman*|irrevers*", "lasting ~ damage|effect*|numb*|harm|injur*|scar*", "for life|months",
        "droop*|numb*|pain|pains|swollen|swell*|lump*|ache*|hurt*|blur* ~ for|over ~ month|months|year|years",
        "lost|lose|loss ~ vision|sight|eyesight", "nerve ~ dead|died|killed", "dead nerve", "debrid*|osteomyel*", "scar|scars|scarring|scarred",
        "numb* ~ months|weeks", "nerve damage", "vision|sight loss|damage|problems|impairment", "blind*", "double vision",
        "melanoma|cancer", "delayed ~ diagnosis", "anaphyla*", "sepsis|septic", "stopped breathing",
        "respiratory arrest", "lost|lose|loss ~ healthy tooth|teeth", "wrong tooth ~ pulled|extracted|removed", "pulled|extracted|removed ~ wrong tooth",
        "still numb*", "numb* ~ since", "in|to hospital", "hospital ~ days|nights|overnight|week*", "healthy tooth|teeth ~ pulled|extracted|removed|lost|gone", "difficulty swallowing|breathing",
        "surgery to remove|repair|correct", "transfus*", "paralys*", "seizure*|convuls*",
        "wider surgery", "general anaesthe*|anesthe* to remove",
        "days|nights|weeks|night|day|week ~ in|at hospital", "ambulance", "a&e",
        "retin*|cornea|corneal|keratitis", "vision|sight|eyesight ~ damag*|impair*|reduc*|blur*|worse",
        "full-thickness|third-degree|second-degree|deep ~ burn*", "skin graft*",
        "could|can not breathe", "cannot breathe", "airway|throat ~ clos*|swell*|swollen|tight*",
        "tissue|skin death", "nerve ~ injur*|sever*|cut", "paraesthe*|paresthe*", "osteonecros*|resect*",
    ),
    "violation": (
        "wrong tooth|patient|side|site|product|drug|medication|implant|material|person|dose|eye|area|leg|arm|lip|solution",
        "pulled|extracted|removed|drilled|treated ~ healthy tooth", "mixed up ~ patients|records|teeth",
        "unlicensed|unqualified|untrained|unsupervised|uncertified|unregistered",
        "not|no licen*|licensed|qualified|trained|registered", "without ~ licen*|training|supervision|"
        "doctor|dentist|examin*|x-ray|xray|scan|ct|imaging|monitor*|eye_protection|goggles|consent|"
        "anaesthetist|anesthesiologist|looking|check*|test*|patch_test|allergy_test|protective_eyewear", "no ~ x-ray|xray|scan|ct|imaging|monitor*|"
        "eye_protection|goggles|anaesthetist|anesthesiologist|doctor_present|supervision|patch_test|protective_eyewear",
        "non-sterile|unsterile|not_sterile|dirty_instrument*|reused|re-used|unsteril*", "instrument* ~ dirty|reused|unwrapp*|unseal*|drawer", "instrument* ~ not steril*",
        "rather_than|instead_of|not_from ~ steril*|sealed|pouch*", "counterfeit|fake|"
        "unlabelled|unlabeled|expired", "ignored ~ allerg*|warning|history|medication",
        "allerg* ~ ignored|recorded|documented|on_file|told|warned|listed|noted|file|chart|record*|notes|mentioned|declared|flagged",
        "despite ~ allerg*", "instead of", "overdos*", "nobody|no_one checked|monitored",
        "left alone|unattended", "did not check|examine|test", "skipped",
        "never|not ~ do|did|done|take|took|perform*|order* ~ ct|x-ray|xray|scan|imaging|test|assessment",
        "no|not ~ medical|valid|proper licen*|qualif*|training",
        "prepared|intended|meant|labelled|drawn_up|mixed ~ for ~ another|other|different client|patient|customer",
        "another|previous|last|other patient's|client's|customer's", "past ~ expiry|use-by|sell-by",
        "out-of-date|out_of_date product|filler|vial*|anaesthe*|anesthe*|solution|material",
        "used on ~ another|previous|other patient|client", "same needle|syringe|cannula",
        "goggles|eye_protection|eye_shield*|eyewear ~ not|never ~ given|provided|offered|worn|used",
        "too much ~ anaesthe*|anesthe*|filler|toxin|botox|lidocaine|adrenaline|solution",
        "double|triple|excessive ~ dose|dosage", "no_one|nobody ~ monitor*|watch*|check* on",
        "left ~ on_my_own|by_myself|alone|unsupervised|unmonitored",
        "left|went_out|stepped_out|walked_out ~ came_back|returned|come_back",
        "left|stepped_out|walked_out the|my room ~ came_back|returned|come_back",
    ),
    "normal": ("normal|expected|settle_down|usual|to_be_expected", "doctor|dentist said ~ normal",
               "numb* from|with ~ anaesthe*|anesthe*|local"),
    "unsterile": ("non-sterile|unsterile|not_sterile|unsteril*|dirty_instrument*|reused_instrument*",
                  "instrument* ~ dirty|reused|unwrapp*|unseal*|drawer", "instrument* ~ not steril*",
                  "rather_than|instead_of|not_from ~ steril*|sealed|pouch*", "same needle|syringe|cannula",
                  "used on ~ another|previous|other patient|client"),
}
