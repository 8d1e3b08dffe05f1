"""English phrases for the eleven text-evidenced categories of the taxonomy.

`clinical_harm` is not listed: it follows the level (present exactly for dispute and
accident). CATEGORIES name what a grievance is about ("charged twice", "rude"); MENTIONS are
words that only touch a topic ("fee", "consent forms") and count only when no category
phrase is found, so a refund demanded as a remedy does not make a billing complaint.
Words are stemmed before matching.
"""

CATEGORIES = {
    "informed_consent": (
        "without ~ consent|permission", "without asking|telling me", "nobody|no_one asked|told me", "never asked",
        "did not ask me", "risks ~ not|never explained", "signed|sign ~ after|afterwards|retrospectively", "sign* ~ without reading",
        "not|never allowed|able|given_time to ~ read|scroll|review", "nobody|no_one ~ went_through|explained|discussed ~ risk*",
        "sign ~ after the|without", "no|not ~ consent form", "consent ~ not|never|after|missing",
        "didn't|did_not|never ~ sign", "made me sign", "forced to sign",
    ),
    "pricing_billing": (
        "overcharg*|double-charg*|double_charg*|charged_twice|hidden_fee*|hidden_charge*|extra_charge*",
        "charged|billed ~ twice|again|extra|more|wrongly", "charged|billed for ~ not|never|cancel*", "duplicate ~ charge*|payment*",
        "charged|billed me", "fee ~ removed|waived|wrong", "missed-appointment|cancellation|late fee",
        "invoice|bill|price|statement ~ says|said|higher|increase*|different|show*|includ*",
        "cost|fee|charge ~ nobody|never|not ~ mention*|told|disclos*|explain*", "undisclosed|hidden|unexpected ~ fee|cost|charge|bill",
        "itemis*|itemiz*|estimate|line_item|separate_line|separate_charge", "insur* ~ claim*|statement|billed|charged|code*", "claim ~ corrected|wrong|incorrect", "price* went up", "list*|display*|show* ~ price*",
        "not|doesn't|does_not cover", "prepaid|membership|plan ~ not|doesn't|does_not|never", "quote* ~ honour*|honor*",
        "refus* ~ refund", "no_refund", "non refund*", "was|were|been|being charged|billed", "pay_by|instal*|payment_plan*|payment_option*",
        "financ*", "pay monthly", "price list|increase", "too expensive|costly|pricey", "surcharge*",
        "deposit ~ not|never|kept|lost", "prepaid ~ session*|package|card",
    ),
    "treatment_outcome": (
        "result*|outcome", "not what i paid for", "still ~ crooked|yellow|loose|visible|there|hurts|stained|dark|noticeable|gappy",
        "shade|colour|color ~ wrong|not_match|different|darker|uneven", "does|did not fit",
        "doesn't|didn't fit", "fell|falling|came ~ off|out", "no effect|difference|change|improvement",
        "asymmetr*|uneven|lopsided|droop*", "lower than", "fail*",
        "zero|no change|difference|result*", "split in half|two", "hard lump", "tooth|crown ~ split|cracked|broke", "crown|veneer|filling|implant|brace*|"
        "bracket* ~ broke|broken|crack*|split|chipped|came_off", "crack*|split|chipped ~ crown|veneer|filling",
        "relapse*|moved_back|shifted_back", "came|come|become|became|work*|got|gone|went loose", "implant|crown|bridge|veneer|filling ~ loose", "implant|crown|veneer|filling|bridge ~ taken_out|removed|came_out|replaced", "not work|working|worked", "refinement",
        "wears|wore off", "lumps|lumpy|nodule*", "crooked", "filling ~ high", "bite ~ wrong",
        "cavit*|white_spots|decalcif*", "grew back", "uneven colou*", "new cavit*",
    ),
    "service_attitude": (
        "rude*|dismissive|condescend*|arrogant|patronis*|unprofessional|disrespect*|impolite|curt|brusque",
        "comment* about|on my weight|appearance|teeth|age", "shout* at me|us", "laugh* at",
        "ignored me|us", "eye-roll*", "rolled her|his|their eyes", "attitude", "mocked",
        "sarcastic", "talk* down", "short with", "shrug*", "went back to ~ screen|phone|computer",
        "checking|scrolling|texting|looking_at|playing_on her|his|their phone", "didn't|did_not|never ~ look_up|even_look", "personal call", "rushed|rushing through", "indifferen*|uncaring|couldn't_care_less", "chewing gum",
        "made me feel ~ stupid|small|bad|awful|guilty|embarrassed", "felt ~ judged|humiliated|awful",
    ),
    "wait_time": (
        "wait*|queue*|delay*|overdue", "on hold", "kept waiting", "late", "reschedul*|postpon*",
        "cancel* ~ my|our|the appointment|visit|booking|surgery|procedure",
        "appointment|visit|surgery|booking ~ cancel*", "book*|appointment ~ lost|missing|wrong|double", "gave up",
        "late|evening|weekend|saturday ~ appointment*|slot*|opening*",
        "not ready", "still waiting", "hours|minutes ~ wait*|late", "months ~ later|delay",
        "no available|slots", "running|run ~ late|behind", "behind schedule", "sat|sitting|stood|standing ~ minutes|hours|hour", "couldn't|could_not|can't ~ book|get_through",
    ),
    "environment": (
        "bathroom|toilet|restroom|parking|car_park|garage", "waiting_room|waiting_area|reception_area",
        "dirty|filthy|smell*|stink*|noise|noisy|temperature|draught*", "too|so|very|really|bit|freezing cold|hot|stuffy|loud",
        "room|area|lobby|clinic|it_was ~ cold|freezing|hot|stuffy|loud",
        "ramp|stairs|lift|elevator|wheelchair|signage|tv|television|music", "lock on", "lock ~ broken|catch|stuck|faulty",
        "headphones|card_reader|wifi|wi-fi|water_cooler|air_con*|air-con*|heating", "facilit*|premises",
        "unsterile|non-sterile|reused_instrument*|dirty_instrument*", "blood on", "mould|mold",
        "poor|bad|lack ~ hygiene", "unhygienic|unclean", "not clean", "clean* ~ poor|bad|not",
        "sign|signs ~ confus*|unclear|missing|wrong",
    ),
    "advertising": (
        "advert*|ad|ads|marketing|brochure|poster|billboard|leaflet|flyer", "promot* ~ as|promis*",
        "guarante*", "deal|voucher|groupon|coupon", "before-and-after|before_and_after",
        "as advertised|promised", "sales|consultant|salesperson ~ promis*|told|said",
        "promis* ~ by ~ sales|consultant|salesperson|representative|rep|coordinator",
        "promis* ~ result*|look*", "in 6|six|3|three|12|twelve months",
    ),
    "staff_qualification": (
        "unlicensed|unqualified|untrained|unsupervised|uncertified|unregistered",
        "not|no licen*|licensed|qualified|trained|registered|certified", "licen*|licensure",
        "hold ~ licen*", "student|trainee|junior|intern|receptionist|assistant|aesthetician|beautician "
        "did|performed|injected|lasered|removed|operated|treated", "without ~ doctor|dentist|supervision",
        "no anaesthetist|doctor", "qualif*|credential*", "beauty therapist|technician",
        "a|different|another doctor|dentist|surgeon|hygienist|therapist|person instead",
        "carried_out|done|performed|treated by ~ therapist|nurse|assistant|student|trainee|technician|beautician|"
        "aesthetician|receptionist", "not the ~ doctor|dentist|surgeon|specialist ~ booked|i_booked|paid_for",
        "not a doctor|dentist|nurse", "pretend* to be ~ doctor|dentist|nurse|surgeon",
        "under the title", "junior|less_experienced|another ~ doctor|dentist|surgeon ~ instead",
    ),
    "device_material": (
        "counterfeit|fake|expired|unlabelled|unlabeled|batch|brand|genuine|defective|faulty",
        "wrong ~ implant|material|product|brand|filler|toxin|tray*|aligner*|crown|denture",
        "implant ~ brand|type|different|cheaper", "filler|product|material ~ instead_of|not",
        "aligner*|tray*|retainer*|denture* ~ wrong|not_fit|didn't_fit|does_not_fit|broke|cracked",
        "dermal filler", "cheaper|different brand|material", "not ~ botulinum|botox",
        "prepared|intended|meant ~ for ~ another|other|different client|patient|customer",
        "stronger|higher|different ~ concentration|strength|solution|peel",
    ),
    "privacy": (
        "privacy|confidential*|gdpr|hipaa|data_protection|personal_data|personal_information",
        "without my permission|consent ~ photo*|post*|publish*|shar*", "shared|disclosed|told|gave|"
        "sent|leaked|confirmed|emailed|forwarded|faxed|mailed|handed ~ my ~ appointment|records|details|information|photos|"
        "address|diagnosis|summary|notes|medication*|history|results|x-rays", "to another|the_wrong patient|person|client",
        "ex-partner|ex-husband|ex-wife", "read|said|announc*|call*|discuss*|list* ~ out_loud|aloud", "protective order", "wrong person|address|email",
        "published|posted ~ photo*|picture*", "to my ~ employer|ex|boss",
        "disclos* ~ status|identity|address*|data|information|details|records|diagnosis",
        "address*|email*|name* ~ visible|exposed|shown|leaked", "visible|exposed ~ to ~ strangers|others|recipients|everyone",
    ),
    "communication": (
        "nobody|no_one ~ told|tells|tell|explain*|called|call*|inform*|contacted|replied|mentioned",
        "not|never ~ told|explained|informed|called|contacted|replied|answered|responded",
        "no ~ callback|call_back|reply|response|follow-up|follow_up|explanation|information",
        "didn't|did_not|doesn't|does_not|never ~ explain|tell|inform|call|reply|respond|mention",
        "wrong|outdated|old|incorrect|out_of_date ~ information|address|hours|time|date|website|app",
        "website|app|sms|text_message|email|reminder ~ said|says|wrong|incorrect", "spanish|translat*",
        "in my language", "forms|leaflet ~ in", "call back", "callback|call-back", "wait* ~ call_back|callback|call-back|reply|response|answer",
        "listing|website|site|app|page|profile ~ still|shows|show|says|lists", "portal",
        "barely|hardly|never|didn't|did_not ~ said|say|spoke|speak ~ word", "aftercare sheet*|instructions",
        "what's|what_has been done", "wait and see", "miscommunicat*", "kept in the dark",
        "records|copies|x-rays ~ not|never|still", "promised to call|ring", "could|should have ~ told|explained|warned|mentioned|informed",
        "link|button|page|online_booking|booking_system ~ broken|error|not_work|doesn't_work|dead|404|page-not-found",
        "page-not-found|broken_link", "not|wasn't|wasnt|isn't|isnt on ~ system|computer|list|records",
    ),
}

MENTIONS = {
    "informed_consent": ("consent*",),
    "pricing_billing": ("price*|pricing|cost|costs|charge|charged|charges|fee|fees|bill|billed|billing|invoice*",
                        "deposit*|prepaid|prepay*|payment*|receipt|quote|quoted|discount*|insurance"),
    "environment": ("clean*|hygien*|steril*|equipment|sign|signs|waiting|lobby|door|chair*|light*|cold|hot|loud",),
    "wait_time": ("cancel*|appointment ~ not",),
    "communication": ("records|copies|documents|paperwork|documentation|language",),
    "advertising": ("promot*|promis*|offer*",),
}
