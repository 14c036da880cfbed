//! The topic packs shipped with the engine: curated teacher hashtags and keywords, stored
//! folded (lowercase, no `#`), and families of variant spellings the lens treats as one tag.
//! Compiled in as data, so nothing is parsed at run time; the tests in `lens.rs` check it.

use super::PackData;

pub(super) const PACKS: &[PackData] = &[
    PackData {
        id: "uk-edchat",
        name: "UK edchats",
        description: "The general UK teacher conversation: #ukedchat, #edutwitter, Ofsted, key stages, GCSE and A level.",
        hashtags: &[
            "ukedchat", "edutwitter", "edutwitteruk", "ukteachers", "ukteacher", "ukeducation",
            "pedagoo", "pedagoofriday", "teachmeet", "ukfechat", "ofsted", "gcse", "gcses",
            "alevel", "alevels", "ks3", "ks4", "ks5", "sixthform", "mtpt", "teachingandlearning",
            "cpd", "teachertwitter", "teachers", "teaching", "education",
        ],
        keywords: &[
            "ofsted", "national curriculum", "key stage 3", "key stage 4", "inset day",
            "lesson planning", "sixth form",
        ],
        families: &[
            &["ukteacher", "ukteachers"],
            &["gcse", "gcses"],
            &["alevel", "alevels"],
            &["edutwitter", "edutwitteruk"],
        ],
    },
    PackData {
        id: "us-edchat",
        name: "US edchats",
        description: "The general US teacher conversation: #edchat, state chats, #tlap, #kidsdeserveit, #bfc530.",
        hashtags: &[
            "edchat", "educhat", "iteachtoo", "iteach", "teachersoftwitter", "tlap",
            "kidsdeserveit", "bfc530", "edcamp", "ntchat", "k12", "pln", "edugladiators",
            "txeduchat", "caedchat", "nyedchat", "njed", "iledchat", "miched", "oklaed", "vaedchat",
            "ohedchat", "arkedchat", "tnedchat", "nced", "teachertwitter", "teachers", "teaching",
            "education",
        ],
        keywords: &["common core", "lesson plan", "professional development", "back to school"],
        families: &[],
    },
    PackData {
        id: "world-edchat",
        name: "International edchats",
        description: "Teacher chats beyond the UK and US: Australia, New Zealand, Ireland, Europe, Canada, and IB schools.",
        hashtags: &[
            "aussieed", "edchatnz", "edchatie", "edchateu", "edchatde", "bcedchat", "onted",
            "ibchat", "pypchat", "mypchat",
        ],
        keywords: &[
            "international baccalaureate", "primary years programme", "middle years programme",
        ],
        families: &[],
    },
    PackData {
        id: "primary",
        name: "Primary and elementary",
        description: "Primary (KS1, KS2) and US elementary teaching, including the grade-level chats.",
        hashtags: &[
            "primaryrocks", "primaryteacher", "primaryteachers", "primaryschool", "primaryed",
            "primaryeducation", "primarymaths", "primaryscience", "ks1", "ks2", "sats", "elemchat",
            "kinderchat", "1stchat", "2ndchat", "3rdchat", "4thchat", "5thchat", "1stgrade",
            "2ndgrade", "3rdgrade", "4thgrade", "5thgrade", "kindergarten", "timestables",
        ],
        keywords: &[
            "key stage 1", "key stage 2", "phonics screening", "times tables", "primary school",
            "elementary school",
        ],
        families: &[&["primaryteacher", "primaryteachers"], &["primaryed", "primaryeducation"]],
    },
    PackData {
        id: "early-years",
        name: "Early years",
        description: "EYFS, nursery, reception, pre-K and kindergarten: play, provision and early development.",
        hashtags: &[
            "eyfs", "earlyyears", "earlyed", "earlychildhood", "earlychildhoodeducation", "ece",
            "ecechat", "eyfsideas", "eyfsteacher", "eytalking", "earlyyearsteacher", "prek",
            "preschool", "kinderchat", "kindergarten", "playbasedlearning", "learningthroughplay",
            "continuousprovision", "reggioinspired", "montessori", "forestschool",
            "outdoorlearning", "earlylearning", "earlyreading", "childdevelopment",
            "schoolreadiness",
        ],
        keywords: &[
            "early years", "continuous provision", "play-based learning",
            "early years foundation stage", "reception class",
        ],
        families: &[
            &["earlychildhood", "earlychildhoodeducation"],
            &["playbasedlearning", "learningthroughplay"],
        ],
    },
    PackData {
        id: "maths",
        name: "Secondary maths",
        description: "Maths and math teaching: #mathschat, #mtbos, #iteachmath, mastery, number talks and Desmos.",
        hashtags: &[
            "mathschat", "mathchat", "mtbos", "iteachmath", "iteachmaths", "maths", "math",
            "mathematics", "mathsteacher", "mathteacher", "mathsteachers", "mathteachers", "mathed",
            "mathsmastery", "ncetm", "mathsconf", "mathscpdchat", "alevelmaths", "gcsemaths",
            "mathseducation", "matheducation", "algebra", "geometry", "statistics", "calculus",
            "numeracy", "mathtwitter", "mathstwitter", "mathsjam", "numbertalks", "wodb",
            "openmiddle", "desmos", "piday", "barmodel", "variationtheory", "ttrockstars",
        ],
        keywords: &[
            "maths lesson", "math lesson", "number sense", "bar model", "maths mastery",
            "number talks", "times tables", "worked example",
        ],
        families: &[
            &["mathschat", "mathchat"],
            &["iteachmath", "iteachmaths"],
            &["maths", "math"],
            &["mathsteacher", "mathteacher"],
            &["mathsteachers", "mathteachers"],
            &["mathseducation", "matheducation"],
            &["mathstwitter", "mathtwitter"],
        ],
    },
    PackData {
        id: "science",
        name: "Science",
        description: "Science teaching from primary to A level and AP: #scichat, #asechat, #ngsschat, practicals and STEM.",
        hashtags: &[
            "scichat", "science", "scienceteacher", "scienceteachers", "sciteach", "iteachscience",
            "scienceed", "scienceeducation", "stem", "steam", "stemeducation", "stemed", "physics",
            "chemistry", "biology", "asechat", "physicsteacher", "chemed", "chemistryteacher",
            "biologyteacher", "bioed", "ngsschat", "ngss", "primaryscience", "womeninstem",
            "britishscienceweek", "practicalscience", "scicomm", "alevelbiology", "alevelchemistry",
            "alevelphysics", "gcsescience", "astronomy", "earthscience",
        ],
        keywords: &[
            "required practical", "science lesson", "practical work", "scientific enquiry",
            "science curriculum",
        ],
        families: &[
            &["scienceteacher", "scienceteachers"],
            &["scienceed", "scienceeducation"],
            &["stemed", "stemeducation"],
        ],
    },
    PackData {
        id: "english",
        name: "English and literacy",
        description: "English, ELA, reading and writing: #engchat, #teamenglish, reading for pleasure, phonics and oracy.",
        hashtags: &[
            "engchat", "teamenglish", "englishteacher", "englishteachers", "ela", "literacy",
            "reading", "readingforpleasure", "writing", "teachwriting", "writingforpleasure",
            "kidlit", "yalit", "bookaday", "titletalk", "readaloud", "phonics", "oracy", "poetry",
            "shakespeare", "englit", "englishliterature", "englang", "grammar", "spag",
            "vocabulary", "disciplinaryliteracy", "guidedreading", "worldbookday", "ncte",
            "gcseenglish", "alevelenglish", "scienceofreading", "structuredliteracy",
        ],
        keywords: &[
            "reading for pleasure", "guided reading", "phonics", "oracy",
            "systematic synthetic phonics", "close reading", "science of reading", "class novel",
        ],
        families: &[&["englishteacher", "englishteachers"], &["englit", "englishliterature"]],
    },
    PackData {
        id: "humanities",
        name: "History and humanities",
        description: "History, geography, RE, social studies, civics, philosophy for children and languages.",
        hashtags: &[
            "history", "historyteacher", "historyteachers", "teachinghistory", "sschat",
            "socialstudies", "geography", "geographyteacher", "geographyteachers", "humanities",
            "religiouseducation", "civics", "civicsed", "p4c", "philosophyforchildren", "mfl",
            "mfltwitterati", "langchat", "gcsehistory", "alevelhistory", "gcsegeography",
            "worldhistory", "ushistory", "apush", "blackhistorymonth", "holocausteducation",
            "globaled",
        ],
        keywords: &[
            "history curriculum", "substantive knowledge", "disciplinary knowledge",
            "primary sources", "source analysis", "geography curriculum", "religious education",
        ],
        families: &[
            &["historyteacher", "historyteachers"],
            &["geographyteacher", "geographyteachers"],
            &["p4c", "philosophyforchildren"],
        ],
    },
    PackData {
        id: "arts-pe",
        name: "Arts, music and PE",
        description: "Art, music, drama and physical education teaching.",
        hashtags: &[
            "physed", "pegeeks", "primarype", "artsed", "arted", "artteacher", "artteachers",
            "musiced", "musicteacher", "musiceducation", "dramateacher", "designandtechnology",
        ],
        keywords: &[
            "physical education", "art education", "music education", "pe lesson", "art lesson",
        ],
        families: &[
            &["artsed", "arted"],
            &["artteacher", "artteachers"],
            &["musiced", "musiceducation"],
        ],
    },
    PackData {
        id: "send",
        name: "SEND and inclusion",
        description: "Special educational needs, disability and inclusion: SENCOs, EHCPs, UDL, EAL/ELL and neurodiversity.",
        hashtags: &[
            "send", "sen", "sendchat", "senco", "sendco", "inclusion", "inclusiveeducation",
            "specialeducation", "specialed", "sped", "spedchat", "specialneeds", "autism",
            "autismawareness", "adhd", "dyslexia", "dyspraxia", "dyscalculia", "neurodiversity",
            "neurodivergent", "ehcp", "aac", "udl", "udlchat", "eal", "ell", "ellchat", "slcn",
            "edpsych",
        ],
        keywords: &[
            "special educational needs", "reasonable adjustments", "universal design for learning",
            "adaptive teaching", "inclusive classroom", "english as an additional language",
        ],
        families: &[&["senco", "sendco"], &["specialeducation", "specialed", "sped"]],
    },
    PackData {
        id: "edtech",
        name: "Edtech and computing",
        description: "Classroom technology and computing: #edtech, Google and Microsoft for education, AI in education, coding.",
        hashtags: &[
            "edtech", "edtechchat", "googleedu", "googleclassroom", "microsoftedu", "msftedu",
            "mieexpert", "appleedu", "appleteacher", "ditchbook", "seesaw", "kahoot", "desmos",
            "coding", "computing", "computerscience", "csforall", "csed", "hourofcode", "aiined",
            "aiineducation", "digitallearning", "onlinelearning", "blendedlearning",
            "remotelearning", "elearning", "teachcomputing", "makered", "makerspace", "gafe",
            "flipclass", "flippedclassroom", "flippedlearning", "bett", "iste", "digcit",
            "onlinesafety", "esafety", "digitalliteracy",
        ],
        keywords: &[
            "edtech", "google classroom", "ai in education", "computing curriculum",
            "digital citizenship", "online safety",
        ],
        families: &[
            &["microsoftedu", "msftedu"],
            &["aiined", "aiineducation"],
            &["flipclass", "flippedclassroom", "flippedlearning"],
            &["onlinesafety", "esafety"],
        ],
    },
    PackData {
        id: "research",
        name: "Research and evidence-informed practice",
        description: "researchED, cognitive science and the evidence on how pupils learn: retrieval, spacing, cognitive load.",
        hashtags: &[
            "researched", "ukedreschat", "ukedresearch", "edresearch", "educationresearch",
            "educationalresearch", "cogsci", "cognitivescience", "cogscisci", "retrievalpractice",
            "spacedpractice", "interleaving", "dualcoding", "cognitiveload", "cognitiveloadtheory",
            "rosenshine", "metacognition", "formativeassessment", "assessment", "directinstruction",
            "explicitinstruction", "scienceoflearning", "learningsciences", "evidenceinformed",
            "eef", "researchschools", "practitionerresearch", "teacherresearch", "lessonstudy",
            "instructionalcoaching", "walkthrus", "bera", "aera", "edpsych",
        ],
        keywords: &[
            "retrieval practice", "spaced practice", "cognitive load", "dual coding",
            "interleaving", "worked examples", "formative assessment", "metacognition",
            "explicit instruction", "evidence-informed", "instructional coaching", "lesson study",
        ],
        families: &[
            &["edresearch", "educationresearch", "educationalresearch"],
            &["cogsci", "cognitivescience"],
            &["cognitiveload", "cognitiveloadtheory"],
        ],
    },
    PackData {
        id: "leadership",
        name: "School leadership",
        description: "Senior and middle leaders, heads, principals and governors: #sltchat, #satchat, #cpchat, NPQs.",
        hashtags: &[
            "sltchat", "satchat", "leadupchat", "cpchat", "suptchat", "edleadership",
            "educationalleadership", "schoolleadership", "headteacher", "headteachers",
            "middleleadership", "middleleaders", "npqh", "npqsl", "npqml", "npqlt", "ukgovchat",
            "schoolgovernors", "womened", "bameed", "diverseeducators", "lgbted",
            "schoolimprovement", "ofsted",
        ],
        keywords: &[
            "school leadership", "senior leadership", "middle leaders", "school improvement",
            "instructional leadership", "headteacher",
        ],
        families: &[
            &["edleadership", "educationalleadership"],
            &["headteacher", "headteachers"],
            &["middleleadership", "middleleaders"],
        ],
    },
    PackData {
        id: "wellbeing",
        name: "Wellbeing, behaviour and pastoral",
        description: "Teacher and pupil wellbeing, workload, behaviour, safeguarding and pastoral care.",
        hashtags: &[
            "teacher5aday", "teacherwellbeing", "wellbeing", "staffwellbeing", "studentwellbeing",
            "wellbeingwednesday", "mentalhealth", "mindfulness", "sel", "teacherworkload",
            "pastoral", "pastoralcare", "safeguarding", "childrensmentalhealthweek",
            "mentalhealthawarenessweek", "traumainformed", "restorativepractice", "behaviour",
            "behavior", "behaviourmanagement", "behaviormanagement", "classroommanagement",
        ],
        keywords: &[
            "teacher wellbeing", "teacher workload", "staff wellbeing", "behaviour management",
            "behavior management", "classroom management", "restorative practice",
            "social-emotional learning",
        ],
        families: &[
            &["behaviour", "behavior"],
            &["behaviourmanagement", "behaviormanagement"],
            &["pastoral", "pastoralcare"],
        ],
    },
    PackData {
        id: "new-teachers",
        name: "Trainee and early-career teachers",
        description: "Teacher training and the first years: PGCE, ITT, ECTs (formerly NQTs), student teaching and mentoring.",
        hashtags: &[
            "nqt", "nqtchat", "ect", "ectchat", "newteacher", "newteachers", "ntchat",
            "traineeteacher", "traineeteachers", "pgce", "itt", "teachertraining", "studentteacher",
            "studentteaching", "firstyearteacher", "earlycareerteacher", "earlycareerteachers",
            "earlycareerframework", "ecf", "teachfirst", "schooldirect",
        ],
        keywords: &[
            "early career teacher", "early career framework", "trainee teacher",
            "initial teacher training", "student teaching", "first year teaching",
            "newly qualified teacher",
        ],
        families: &[
            &["nqt", "ect"],
            &["nqtchat", "ectchat"],
            &["newteacher", "newteachers"],
            &["traineeteacher", "traineeteachers"],
            &["earlycareerteacher", "earlycareerteachers"],
        ],
    },
];
