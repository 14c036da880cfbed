// The demo timeline's content: a teacher's home timeline on a Sunday evening, professional
// posts mixed with the noise Staffroom is for. All people and accounts are invented.
// kind: promoted (an advert), repost (repostedBy), who_to_follow (a suggestion row).
export const DEMO_POSTS = [
  { handle: "MrsKhanMaths", name: "Aisha Khan", text: "Tried a 5-question retrieval practice starter with Y9 every lesson this half term. Homework completion is up and the quiet ones are answering. Slides free to anyone who wants them #mathschat #ukedchat" },
  { handle: "celebgossipdaily", name: "Celeb Gossip Daily", text: "You will NOT believe what she wore to the premiere last night 😱😱 full pics below" },
  { handle: "phonics_pete", name: "Pete Owusu", text: "Phonics screening check prep: we’ve swapped worksheets for 10 minutes of daily decodable reading in pairs. Y1 are flying. #primaryrocks #phonics" },
  { handle: "RevisionGenius", name: "RevisionGenius", text: "Teachers! Cut your marking time in HALF with our AI revision app. Free trial for your whole department #edutwitter", promoted: true },
  { handle: "HistoryHannah", name: "Hannah Clarke", text: "Knowledge organisers for the Norman Conquest unit are done. Substantive and disciplinary knowledge on one page each. Feedback welcome #historyteacher #ukedchat" },
  { handle: "footy_banter", name: "Footy Banter", text: "That penalty decision last night was an absolute disgrace. VAR has ruined the game, change my mind" },
  { handle: "MsAdebayoSENCO", name: "Funmi Adebayo", text: "Reasonable adjustments don’t have to be big. A printed copy of the board for a pupil with processing difficulties changed his whole week. #SENDchat #ukedchat" },
  { handle: "grumpyreplyguy", name: "Reply Guy", text: "@MrsKhanMaths shut up, nobody asked, you idiot" },
  { handle: "DrTomEvidence", name: "Tom Reilly", text: "Cognitive load theory in one sentence: working memory is small, so don’t make pupils juggle new content AND a confusing task design at once. Worked examples first. #edresearch" },
  { handle: "viral_vibes", name: "Viral Vibes", text: "Like if you agree, RT if you don’t! Follow for follow, I follow back 100% #ukedchat #edutwitter" },
  { handle: "HeadOfScienceJo", name: "Jo Marsh", text: "Required practical week: pre-recorded demo videos so pupils can rewatch the method before touching any kit. Fewer broken thermometers, better write-ups. #ScienceTeacher #ukedchat" },
  { handle: "BehaviourBen", name: "Ben Hollis", text: "Behaviour tip for new teachers: stand at the door, greet every pupil by name, first task already on the board. The first 3 minutes set the tone for the next 57. #behaviour #ECTchat" },
  { handle: "edutips_ultimate", name: "EduTips", text: "Free worksheets!!! #edchat #ukedchat #teachers #teaching #education #edutwitter #mathschat #scichat #primaryrocks #teachertwitter #ks2 #ks3" },
  { handle: "MrPatelPrimary", name: "Raj Patel", text: "Times tables: 3 minutes of low-stakes quizzing at the start of every maths lesson beats an hour of Friday tests. Our Y4 multiplication check scores agree. #primaryrocks #mathschat" },
  { handle: "realityTVfan", name: "Reality TV Fan", text: "Who else is watching the final tonight?? My vote is going to the couple from Leeds no question" },
  { handle: "DeputyHeadDan", name: "Dan Okafor", text: "Ofsted called today. Whole staff briefing at 8 tomorrow. Proud of this team whatever happens. #ukedchat #ofsted" },
  { handle: "LitLeadLucy", name: "Lucy Fraser", text: "Reading for pleasure audit: we asked every class what they actually want to read. Graphic novels and football biographies topped the list, so that’s what we’re buying. #readingforpleasure #EngChat" },
  { handle: "cryptomoonboy", name: "Crypto Moon", text: "Teachers! Free $ETH airdrop for educators 🚀 DM me for your wallet bonus, 100x guaranteed #teachers" },
  { handle: "WellbeingWendy", name: "Wendy Hart", text: "Workload win: we scrapped written marking in KS3 for whole-class feedback sheets. Same impact, staff got their Sunday evenings back. #teacherwellbeing #ukedchat" },
  { handle: "staffroom_news", name: "Staffroom News", repostedBy: "MrsKhanMaths", text: "New EEF guidance on metacognition and self-regulated learning is out: seven recommendations, all with classroom examples. #edresearch #ukedchat" },
  { handle: "MrsJonesEYFS", name: "Carys Jones", text: "Continuous provision this week: a ‘builders’ yard’ in the outdoor area. Maths talk everywhere: longer, heavier, how many more bricks? #EYFS #earlyyears" },
  { handle: "politicsrant99", name: "Angry Citizen", text: "@DeputyHeadDan teachers are lazy and overpaid, get a real job you clown" },
  { handle: "StrikeWatchNEU", name: "Sam Lee", text: "Ballot papers for the strike vote arrive this week. Read the FAQ before you decide. #ukedchat" },
  { handle: "ComputingCat", name: "Cat Nguyen", text: "Online safety lesson that worked: pupils wrote the ‘terms and conditions’ for a made-up app, then swapped and spotted the traps. #CompSci #ukedchat" },
  { handle: "gamingclips", name: "Gaming Clips", text: "This speedrun is actually insane, watch till the end" },
  { handle: "MathsMrMorgan", name: "Owen Morgan", text: "Bar model for ratio problems: drew it on mini whiteboards, then faded the scaffold over three lessons. Y8 now draw it without being asked. #mathschat #MathsMastery" },
  { handle: "DrTomEvidence", name: "Tom Reilly", text: "Spaced practice doesn’t need an app. Put last month’s questions in this week’s starter. That’s it. That’s the strategy. #retrievalpractice #edresearch" },
];

export const WHO_TO_FOLLOW = [
  { handle: "LuxuryWatchDeals", name: "Luxury Watch Deals", bio: "Authentic watches at unbeatable prices" },
  { handle: "DailyMotivation", name: "Daily Motivation", bio: "Rise and grind 💪" },
  { handle: "TechUnboxed", name: "Tech Unboxed", bio: "Gadget reviews every day" },
];

export const TRENDS = ["#LoveIsland", "Arsenal", "#BlackFriday"];

/** A realistic teacher's rules: subject packs, one word blurred rather than hidden. */
export const DEMO_PACK = {
  version: 1,
  lens: { enabled: true, packs: ["uk-edchat", "primary", "early-years", "maths", "science", "english", "humanities", "send", "edtech", "research", "wellbeing", "new-teachers"], hashtags: [], keywords: [] },
  mute: [{ value: "strike", targets: ["content", "tag"], match: "word", action: "warn" }],
  accounts: { mute: [], trust: [] },
  troll: { sensitivity: "medium" },
  noise: { promoted: true, who_to_follow: true, trends: true, reposts: false, quotes: false, stranger_replies: false, demetricate: false, bait: true, hashtag_stuffing: true, spam: true },
};
