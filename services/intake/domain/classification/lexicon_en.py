"""English lexicon: what each flag, category and level cue looks like in English complaints.

Entries follow the taxonomy of the classification data README (flags: regulators such as
state health departments, dental boards, CQC, Trading Standards, ICO; media such as
Google reviews, TikTok, Instagram, the local paper; ...). Words are stemmed before matching. Harm, serious harm and procedural violations live in
lexicon_en_harm.py.
"""

from services.intake.domain.classification.lexicon_en_harm import HARM_CUES

FLAGS = {
    "regulator_threat": (
        "health department|board|commission|ombudsman|regulator|authority|inspector|inspectorate",
        "state health department|board", "medical|dental|nursing|health ombudsman",
        "department of health", "state board", "dental|medical|nursing|licensing board",
        "board of dental|medical examiners", "attorney general", "cqc", "care quality commission",
        "trading standards", "ico", "information commissioner", "gdc", "gmc",
        "general dental|medical council", "consumer protection", "fda", "report|reported you to",
        "public health", "nhs england", "hipaa complaint",
    ),
    "media_threat": (
        "google|yelp|trustpilot|facebook|instagram|tiktok|twitter|youtube|reddit|nextdoor review*",
        "post|posted|share|shared|upload|uploaded|write|wrote|put ~ online|instagram|tiktok|"
        "facebook|twitter|youtube|reddit|yelp|trustpilot|google|nextdoor|social_media",
        "on|up|to my instagram|tiktok|facebook|youtube|twitter|blog", "the papers|press|newspaper",
        "local paper|news|newspaper|tv|press", "journalist|journalists", "go to the media|press",
        "tell everyone", "warn everyone|others|people", "public review", "one star", "1 star",
        "review site*", "social media", "go viral", "leave|leaving|left|write|post ~ review|reviews",
        "review* on|to ~ yelp|google|trustpilot|facebook|instagram|tiktok|nextdoor",
        "my instagram|tiktok|facebook|youtube|twitter video|post|reel|review|story",
    ),
    "on_site_disruption": (
        "shout|yell|scream", "raised|raising his|her|their voice", "made|making|caused a scene",
        "banner*", "block|blocked|blocking ~ entrance|door|lobby|reception|desk",
        "other patients ~ uncomfortable|upset|disturbed|scared|left|stared|could not",
        "disturb* other patients", "commotion", "refus* to leave", "staged|stage|held|hold a sit-in", "threw|throwing",
        "security was called", "called security", "swore|swearing at", "patients ~ left the room|waiting_room",
        "whole|entire waiting_room|lobby|clinic|reception|floor ~ hear|heard|could_hear", "loud|loudly enough",
    ),
    "livestream": (
        "film|filmed|filming", "livestream*", "live stream*", "went|go|going live",
        "recorded|recording ~ video|phone|camera", "talking to the camera", "streamed|streaming",
        "broadcast*", "live on ~ phone|instagram|tiktok|facebook|youtube",
    ),
    "legal_action": (
        "lawyer*|solicitor*|attorney|barrister|counsel", "sue|sued|suing", "lawsuit",
        "legal action|proceedings|advice|claim|route", "issue proceedings", "court",
        "small claims", "letter before action|claim", "litigation|litigate", "instructed by our client",
        "our client", "malpractice claim", "pre-action",
    ),
    "refund_demand": (
        "refund*", "money back", "reimburs* ~ fee|fees|deposit|payment|charge|price",
        "pay|paid me back", "give|giving ~ back", "credit ~ back", "chargeback",
        "refunded", "reverse ~ charge",
        "return|returned|repay|repaid ~ deposit|money|payment|fee|fees", "give|giving back",
        "deposit|money|payment|fee|fees ~ returned|refunded|repaid|back",
    ),
    "compensation_demand": (
        "compensat*", "seek*|claim*|want|demand*|award*|pay ~ damages", "in|for damages", "pay|cover ~ bills|costs|cost|fees|treatment|surgery|filling*|"
        "expenses|medication|repair|revision",
        "surgeon|specialist|hospital|another_dentist|other_dentist charged|billed", "medical|hospital bills", "lost earnings|wages|income",
        "pain and suffering", "reimburs* ~ bill*|expens*|cost*|copay*|prescript*|medic*|antibiot*|er|hospital|travel|"
        "treatment_elsewhere", "cost|costs|bill|bills|expenses ~ covered|paid|reimbursed",
        "for corrective|remedial|revision ~ treatment|surgery|work|procedure",
        "cover ~ elsewhere", "pay ~ for the|my fill*|crown*|treatment|surgery|repair",
        "ask*|want|demand*|expect|request* you to pay|cover", "cover|plus ~ graft*|remov*|er|a&e|visit|replacement|procedure",
    ),
    "representative": (
        "on behalf of", "our client", "acting for", "power of attorney",
        "call|email|letter|message from ~ patient's|pt's|his|her|the mother|father|mum|mom|dad|"
        "wife|husband|son|daughter|brother|sister|parent|guardian|carer|partner|relative|neighbour",
        "patient's|pt's mother|father|mum|mom|dad|wife|husband|son|daughter|brother|sister|"
        "parent|guardian|carer|partner|relative|neighbour",
        "mother|father|mum|mom|dad|parent|guardian|wife|husband|daughter|son of one of your|a patient",
        "mother|father|mum|mom|dad|parent|guardian|wife|husband|daughter|son|relative of patient|pt",
        "my|his|her mother|father|mum|mom|dad|wife|husband|son|daughter|brother|sister|child|"
        "grandmother|grandfather|grandma|grandpa|partner|neighbour had|has|was|got|went|is|"
        "underwent|received|cannot|can't|now|still",
        "i am|i'm the mother|father|mum|mom|dad|parent|guardian|wife|husband|son|daughter",
        "writing for|about my", "my elderly", "write|writing|call*|contact* on behalf",
    ),
}

CUES = {
    **HARM_CUES,
    "demand": (
        "i want|demand|request|expect|insist|need ~ response|reply|refund|apology|explanation|"
        "answer|you_to|that|the|my|it|an|a", "he|she|they|patient|caller|client|son|daughter|wife|husband|mother|father|family want|wants|demand*|insist*|"
        "request*", "we demand|demands|insist|expect|request|want|require", "reimburs*", "ask*|asking for",
        "am|are|is requesting|seeking|claiming|demanding", "to claim", "settle|resolve ~ for", "in settlement",
        "please ~ refund|explain|reply|respond|confirm|provide|investigate|contact|call|remove|"
        "correct|fix|honour|send|look_into", "apology|apologies", "to|should|must|shall apologis*|apologiz*", "explanation", "investigat*",
        "written response|reply|explanation", "honour|honor ~ quote|price|offer",
        "redo|re-do|replace|remake", "formal complaint", "i would like", "seeking|seek",
        "asked|asking|ask for", "i expect", "i request", "within ~ days", "put this right",
        "make this right", "what you are doing", "what you're doing", "different|another dentist|doctor",
    ),
    "formal": (
        "formal complaint", "notice of complaint", "dear sir|madam|sirs", "letter of complaint",
        "complaint ~ against|about", "i wish to complain", "i am writing to complain",
        "official complaint", "lodge|file|make a complaint",
    ),
    "proposal": (
        "suggest*", "idea", "would help|be_nice|be_great|be_helpful", "it would be", "could you",
        "you could|might|should consider", "why not", "recommend that", "consider ~ add*|offer*",
        "how about", "wish you|there", "feature request", "it'd be", "please add|consider",
    ),
    "grievance": (
        "rude|rudely|dismissive|condescend*|arrogant|patronis*|unprofessional|disrespect*",
        "frustrat*|annoy*|irritat*|upset|disappoint*|unhappy|angry|furious|awful|terrible|"
        "horrible|unacceptable|ridiculous|outrageous|appalling|disgust*|fed_up",
        "not happy|impressed|pleased|satisfied", "dissatisfied|displeased", "made me feel",
        "felt ~ awful|ignored|rushed|humiliated|embarrassed", "never again", "waste of",
        "complain*", "nobody ~ told|tells|explain*|called", "no one ~ told|tells|explain*|called",
        "never came|arrived|happened|materialised|materialized", "shouldn't|should_not be this|so hard|difficult",
    ),
    "impaired": ("eat|chew|sleep|swallow|breath*|open|speak|talk|bite|smile|see normal|normally|properly",),
    "anaesthetic": ("numb* cream|gel|spray|ointment|agent",),
    "venting": ("want you to know|be_aware|hear", "want to vent|complain|share|flag|mention|let_you_know|get_it_off"),
    "no_grievance": ("no complaint", "just letting you know", "just so you know", "fyi"),
    "praise": (
        "loved|love|lovely|great|excellent|wonderful|fantastic|amazing|pleased|thank*|brilliant",
        "very good|happy|professional", "clean bright", "was fine|good",
    ),
    "dental_service": ("hygiene|cleaning|clean appointment|visit|session|check*|today", "great|teeth|dental|deep cleaning"),
    "not_wait": ("waiting patients|people|customers|clients", "wait and see",
                 "wait* a few|couple minutes|moments|seconds"),
    "noise_source": ("tv|television|radio|music|speaker* ~ shout*|scream*|yell*|blar*",),
    "platform_as_source": ("instagram|tiktok|facebook|google|groupon ~ ad|ads|advert*|deal|promot*|offer",
                           "ad|ads|advert*|deal|offer on|from instagram|tiktok|facebook|google|groupon"),
    "price_paid": (
        "paid|pay|cost|costs|quoted|quote|price*|invoice|billed|charged|spent|package", "fee of",
    ),
}
