"""English phrases for the eleven text-evidenced categories of the taxonomy.

`clinical_harm` is not listed: it follows the level (present exactly for dispute and
accident). Words are stemmed before matching.
"""

CATEGORIES = {
    "informed_consent": (
        "consent*", "without asking|telling me", "nobody|no one asked|told me", "never asked",
        "did not|didn't ask me", "risks ~ not|never explained", "signed ~ after|without reading",
        "sign ~ after the|without",
    ),
    "pricing_billing": (
        "price*|pricing|cost|costs|charge|charged|charges|fee|fees|bill|billed|billing|invoice*",
        "overcharg*|double charg*|charged twice|hidden|extra charge*", "deposit*|prepaid|prepay*",
        "payment*|instal*ment*|pay by|card reader|contactless|finance|financing", "receipt",
        "quote|quoted", "refus* ~ refund", "discount*", "insurance", "package price",
    ),
    "treatment_outcome": (
        "result*|outcome", "not what i paid for", "still crooked|yellow|loose|visible|there",
        "shade|colour|color ~ wrong|not match|different|darker|uneven", "does|did not fit",
        "doesn't|didn't fit", "fell|falling|came off|out", "no effect|difference|change|improvement",
        "asymmetr*|uneven|lopsided|droop*|lower than", "fail*|broke|broken|crack*|split|chipped",
        "relapse*|moved back|shifted back", "not work|working|worked", "redo|re-do|refinement",
        "wears|wore off", "lumps|lumpy|nodule*", "crooked", "filling ~ too high|high", "bite ~ wrong",
        "cavit*|white spots|decalcif*", "it grew back|grew back", "uneven colou*",
    ),
    "service_attitude": (
        "rude*|dismissive|condescend*|arrogant|patronis*|unprofessional|disrespect*|impolite",
        "comment* about my|on my weight|appearance|teeth", "shout* at me", "laugh* at",
        "ignored me|us", "eye-roll*|rolled her|his eyes", "attitude", "made me feel", "mocked",
        "sarcastic", "talk* down", "indifferen*|uncaring|couldn't care less", "chewing gum",
    ),
    "wait_time": (
        "wait*|waited|queue*|delay*|late|overdue", "on hold", "cancel*|reschedul*|postpon*",
        "book*|appointment ~ lost|missing|not|wrong|gave up|double", "not ready", "still waiting",
        "hours|minutes ~ wait*|late", "months ~ later|delay", "no available|slots",
    ),
    "environment": (
        "bathroom|toilet|restroom|lobby|parking", "waiting|reception room|area", "car park",
        "clean*|dirty|filthy|smell*|hygien*|steril*|noise|noisy|loud|cold|hot|temperature",
        "lock|door|chair*|light*|ramp|stairs|lift|elevator|wheelchair|sign*|signage|tv|music",
        "headphones|card reader|wifi|water|air con*|heating", "facilit*|premises|building",
        "unsterile|non-sterile|reused instrument*", "blood on", "mould|mold",
    ),
    "advertising": (
        "advert*|ad|ads|promot*|promis*|marketing|brochure|poster|billboard|leaflet|flyer",
        "guarante*", "deal|voucher|groupon|coupon", "offer*", "before-and-after|before and after",
        "as advertised|as promised", "sales|consultant promised", "in 6|six|3|three months",
    ),
    "staff_qualification": (
        "unlicensed|unqualified|untrained|unsupervised|uncertified|unregistered",
        "not|no licen*|licensed|qualified|trained|registered|certified", "licen*|licensure",
        "student|trainee|junior|intern|receptionist|assistant|aesthetician|beautician did|performed|"
        "injected|lasered|removed", "without a doctor|dentist|supervision", "no anaesthetist|doctor",
        "qualif*|credential*", "not the|a different doctor|dentist|surgeon", "not a doctor|dentist",
        "pretend* to be", "under the title",
    ),
    "device_material": (
        "counterfeit|fake|expired|unlabelled|unlabeled|batch|brand|genuine|defective|faulty",
        "wrong ~ implant|material|product|brand|filler|toxin|tray*|aligner*|crown|denture",
        "implant ~ brand|type|different|cheaper", "filler|product|material ~ instead of|not",
        "aligner*|tray*|retainer*|denture* ~ wrong|not fit|didn't fit|does not fit|broke|cracked",
        "dermal filler", "cheaper|different brand|material",
    ),
    "privacy": (
        "privacy|confidential*|data|personal information|gdpr|hipaa", "my details|records|photos",
        "without my permission|consent ~ photo*|post*|publish*|shar*", "shared|disclosed|told|gave|"
        "sent|leaked ~ my|appointment|records|details|information|photos|address", "ex-partner",
        "protective order", "wrong person|address|email", "published|posted ~ photo*|picture*",
    ),
    "communication": (
        "nobody|no one ~ told|tells|tell|explain*|called|call*|inform*|contacted|replied",
        "not|never ~ told|explained|informed|called|contacted|replied|answered|responded",
        "no ~ callback|call back|reply|response|follow-up|follow up|explanation|information",
        "didn't|did not|doesn't|does not|never ~ explain|tell|inform|call|reply|respond",
        "wrong|outdated|old|incorrect|out of date ~ information|address|hours|time|date|website|app",
        "website|app|sms|text message|email|reminder ~ said|says|wrong|incorrect", "spanish|translat*",
        "language", "forms|leaflet|aftercare sheet*", "what's been|what has been done",
        "records|copies|documents|paperwork", "wait and see", "miscommunicat*",
    ),
}
