"""What Alex and Sam write for each prompt of the bank, as plain text.

Answers follow each week's real prompt (``checkins.selectors.planned_prompts``), which depends
on the couple's id and the date, so every prompt in ``checkins.prompts.BANK`` has answers here:
each partner's usual one and the one for the stretched weeks (``REFLECTIONS``), and a second
usual one for when the prompt comes back while things are still good (``SECOND_ANSWERS``).
``demo.build.write_story`` picks among them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voices:
    """Answers to one prompt, each partner's as (usual, stretched).

    Usually Alex is warm and Sam writes at length. In the stretched weeks, while Sam's project
    swallows the evenings, Alex is wistful and Sam writes a few words.
    """

    alex: tuple[str, str]
    sam: tuple[str, str]


# Every prompt key in ``checkins.prompts.BANK`` has an entry (a test checks it).
REFLECTIONS: dict[str, Voices] = {
    # Emotional ------------------------------------------------------------------------------
    "emotional-01": Voices(
        alex=(
            "Thursday night, when Sam came home and instead of opening the laptop sat on the "
            "kitchen floor with me while I finished the soup, and we talked about nothing much. "
            "It felt like the two of us against the rest of the week.",
            "Honestly, a small moment: Sam's text on Wednesday saying 'thinking of you, sorry "
            "I'm late again'. I held on to that. I miss the evenings when we were both really in "
            "the room, but that message helped more than Sam probably knows.",
        ),
        sam=(
            "Sunday morning in bed with coffee, when Alex read me bits of the paper in silly "
            "voices. I didn't have to be anything for anyone. I felt really close then.",
            "Sunday coffee, I think. Good moment.",
        ),
    ),
    "emotional-02": Voices(
        alex=(
            "Sam tried to put the new bookcase together without the instructions 'on "
            "principle' and ended up with a very confident, very wonky shelf and one mystery "
            "screw. We laughed until I cried. The screw now lives in a jar as a trophy.",
            "One of my pupils brought in a photo of his gran's tortoise for show-and-tell, 'in "
            "case anyone wanted to meet him'. I saved it up to tell Sam, and then Sam was on a "
            "call all evening, so I'm telling it here instead.",
        ),
        sam=(
            "Alex doing the voice of next door's cat, narrating its opinion of our recycling. "
            "I laughed so hard I had to sit down on the stairs. Alex is honestly the funniest "
            "person I know.",
            "The cat voice again. Still funny.",
        ),
    ),
    "emotional-03": Voices(
        alex=(
            "A bit of envy, if I'm honest, when my sister announced her new job. I'm happy where "
            "I am, but it stirred up the question of whether I'm coasting. I'd like to talk it "
            "through without Sam trying to solve it straight away.",
            "Loneliness, which feels a strange thing to say when we live together. I kept it to "
            "myself because I know how much pressure Sam is under and I didn't want to add to "
            "it. But keeping it in is making me quieter, and I don't want that.",
        ),
        sam=(
            "I was anxious about my appraisal and didn't mention it because it seemed silly. It "
            "went fine in the end. I think I keep worries to myself until they're solved, which "
            "isn't very fair on Alex.",
            "Stress about work. Nothing new.",
        ),
    ),
    "emotional-04": Voices(
        alex=(
            "A proper lazy Saturday with no plans at all: a late breakfast, the crossword, maybe "
            "the cinema if we can be bothered. Small, but I'm really looking forward to it.",
            "That once Sam's deadline has passed we get one whole weekend that is just ours, "
            "phones off. I'm hoping for it more than I've said out loud.",
        ),
        sam=(
            "I'm hoping we finally book the trip to the Lakes we keep talking about. Even "
            "pencilling in the dates would make it feel real and give us something to look "
            "forward to.",
            "That the project calms down.",
        ),
    ),
    "emotional-05": Voices(
        alex=(
            "Parents' evening on Tuesday. One dad was quite sharp with me and I went home "
            "doubting myself. Sam listened and then said 'you clearly care about that kid', "
            "which was exactly right. That helped more than advice would have.",
            "Most evenings, strangely. When Sam is distracted I start wondering whether I've "
            "done something wrong, even though I know it's work. A quick 'it's not you, it's "
            "the deadline' would help more than Sam would think.",
        ),
        sam=(
            "Presenting to the client on Wednesday. I rehearsed it on Alex the night before and "
            "Alex asked good questions, so nothing threw me on the day. That helped a lot.",
            "Client meeting. It was fine.",
        ),
    ),
    "emotional-06": Voices(
        alex=(
            "How patient Sam was with my mum on the phone, going over her new phone settings "
            "for the third time without a trace of irritation. I noticed, and I loved Sam for "
            "it.",
            "Even when Sam is exhausted, there is a cup of tea by my side of the bed before Sam "
            "leaves in the morning. I noticed it every single day this week. It's a small "
            "thread, but it's there.",
        ),
        sam=(
            "The way Alex makes everyone feel included. At the barbecue Alex made a point of "
            "talking to my colleague who didn't know anyone. I really value that.",
            "Alex kept things going at home. Thanks.",
        ),
    ),
    "emotional-07": Voices(
        alex=(
            "I wish for one evening where we cook something new together with music on. We're "
            "at our best when we're a bit silly in the kitchen.",
            "I wish Sam would tell me a little more about what's going on at work, even the "
            "boring parts. I'd rather know Sam is stressed than guess at it.",
        ),
        sam=(
            "I'd love a bit more help planning weekends. I end up being the one who books "
            "things, and I'd like it to feel shared, even if it's just deciding together on "
            "Thursday night.",
            "Patience while work is mad.",
        ),
    ),
    "emotional-08": Voices(
        alex=(
            "Some sadness around Dad's birthday; he would have been sixty-five. I don't need "
            "anything fixed. I just wanted Sam to know why I was quiet on Friday.",
            "Frustration, mostly with myself, for getting snappy about the dishes on Tuesday "
            "when what I actually meant was 'I miss you'. I'd like Sam to know that was what "
            "was underneath.",
        ),
        sam=(
            "Worry about my brother. He's been struggling and I feel helpless from so far away. "
            "I don't need a plan, I'd just like Alex to know it's on my mind when I go quiet.",
            "Worried about deadlines. Don't need fixing.",
        ),
    ),
    "emotional-09": Voices(
        alex=(
            "I finally had the difficult conversation with my head of department about my "
            "workload, calmly and without apologising every other sentence. Sam helped me "
            "rehearse it.",
            "I kept up my running three times this week, even though the evenings have felt "
            "flat. Looking after myself, so I'm not leaning everything on Sam.",
        ),
        sam=(
            "I stuck to my 'no laptop after nine' rule four nights out of five. It made a real "
            "difference to how present I felt with Alex in the evenings.",
            "Got the draft in on time.",
        ),
    ),
    "emotional-10": Voices(
        alex=(
            "Walking back from the pub on Friday, arguing happily about whether a hot dog is a "
            "sandwich. I felt completely like myself: daft, opinionated and loved anyway.",
            "Saturday morning, for about an hour, before Sam's phone started buzzing. We were "
            "back to our usual nonsense and I realised how much I've missed it.",
        ),
        sam=(
            "Making pancakes on Sunday while Alex played DJ from the kitchen table. I felt "
            "relaxed and daft, which is the most like myself I get.",
            "Saturday morning, briefly.",
        ),
    ),
    "emotional-11": Voices(
        alex=(
            "Money, a little: the boiler is on its last legs. I'd rather sit down together with "
            "a cup of tea and a spreadsheet than keep worrying about it on my own at two in the "
            "morning.",
            "How long this busy patch is going to last. If we looked at the calendar together, "
            "I think it would feel like our problem to plan around rather than something "
            "happening to me.",
        ),
        sam=(
            "Whether we can afford to move next year. I'd like to look at it together rather "
            "than stewing over the numbers on my own, because that never ends well.",
            "Workload. Talk after the 28th?",
        ),
    ),
    "emotional-12": Voices(
        alex=(
            "Sam left a note in my bag on the day of the inspection that just said 'you've got "
            "this'. I kept it in my pocket all day.",
            "Sam texted to check I got home safely on Thursday, while still at the office at "
            "nine. It was small, and it mattered.",
        ),
        sam=(
            "Alex noticed I was flagging on Wednesday and quietly took over dinner and the "
            "washing-up without making a thing of it. I felt really looked after.",
            "Dinner waiting on Wednesday. Thank you.",
        ),
    ),
    # Experiential ---------------------------------------------------------------------------
    "experiential-01": Voices(
        alex=(
            "Saturday's walk along the canal to the market. We bought far too much cheese, sat "
            "on a bench in the sun and made up life stories for the people on the narrowboats. "
            "Easy and lovely.",
            "Friday's takeaway on the sofa. It was nice, but I noticed it was the only real time "
            "we had together all week, and I'd like more than that.",
        ),
        sam=(
            "The canal walk and the cheese spree. I loved inventing stories about the boat "
            "people with Alex. It reminded me how much fun we have when we just wander.",
            "Friday takeaway.",
        ),
    ),
    "experiential-02": Voices(
        alex=(
            "The pottery taster evening at the community centre. Neither of us has a clue what "
            "we're doing, which is exactly the appeal.",
            "Even something tiny, like a twenty-minute walk after dinner on a weeknight. New for "
            "us at the moment would be doing anything together on a weekday.",
        ),
        sam=(
            "The Vietnamese place that opened on the high street. I'd like to try it on a "
            "weeknight, rather than saving every nice thing for the weekend.",
            "New ramen place, maybe.",
        ),
    ),
    "experiential-03": Voices(
        alex=(
            "Yes: on Sunday evening we played cards with both phones in the drawer. It felt "
            "calmer than I expected, as if the room got bigger. Same time next Sunday?",
            "Not really. Sam's phone has been on the table at every meal because of the client. "
            "I understand why, but I'd love one meal a week with it in the other room.",
        ),
        sam=(
            "We did the phones-in-the-drawer thing on Sunday and it was lovely. I hadn't "
            "realised how often I check mine until I couldn't. Let's make Sunday evenings the "
            "rule.",
            "Not really, sorry. Work phone.",
        ),
    ),
    "experiential-04": Voices(
        alex=(
            "The big food shop on Saturday. It sounds boring, but we had a running joke about "
            "the saddest lettuce in London and it turned a chore into a sort of date.",
            "Brushing our teeth side by side at midnight, which was about the only time our "
            "days overlapped. I'll take it, but it isn't much.",
        ),
        sam=(
            "Cooking dinner together on Tuesday. Alex chopped, I stirred, and we caught up on "
            "each other's days properly. Those are some of my favourite moments.",
            "Breakfast, a couple of times.",
        ),
    ),
    "experiential-05": Voices(
        alex=(
            "Sam's Thursday bouldering. I'm scared of heights and I'll be hopeless, but I'd "
            "love to see the thing that makes Sam so happy.",
            "I'd happily come along on a run, even a slow one, just to get some time together "
            "that isn't on the sofa at ten at night.",
        ),
        sam=(
            "Alex's book club. I probably wouldn't finish the book, but I'd like to see Alex in "
            "that setting, because Alex always comes home buzzing.",
            "Alex's book club, one day.",
        ),
    ),
    "experiential-06": Voices(
        alex=(
            "Cook something slow, open a bottle of wine and finally start the series everyone "
            "keeps telling us about. Blankets compulsory.",
            "Honestly, anything, as long as Sam isn't half-watching email. A walk and chips "
            "would be perfect.",
        ),
        sam=(
            "Dinner out somewhere new, then walking home the long way. I love the conversations "
            "we have walking at night.",
            "Sofa and a film.",
        ),
    ),
    "experiential-07": Voices(
        alex=(
            "Sam has mentioned the wild swimming group at least three times, and the cold is my "
            "excuse. Going in summer first, with a flask of hot chocolate waiting, would make "
            "it much easier to say yes.",
            "The Lakes trip. I know Sam wants it too. Choosing the dates together, even months "
            "away, would make it easier to believe it will happen.",
        ),
        sam=(
            "Alex wants us to do the cooking class and I keep saying 'when work calms down'. "
            "Booking one for a Saturday, when I'm not wiped out, would make it an easy yes.",
            "The cooking class. After the deadline.",
        ),
    ),
    "experiential-08": Voices(
        alex=(
            "The rainy Sunday when we didn't leave the flat: crumpets, a jigsaw and the radio "
            "on. No agenda at all.",
            "The bath I ran for Sam on Wednesday, and sitting on the edge chatting. Sam "
            "relaxed; I liked being useful. I'm not sure I relaxed, though.",
        ),
        sam=(
            "The long bath and a terrible documentary about sharks. Alex kept fact-checking it "
            "out loud and I couldn't stop laughing.",
            "Not much this week.",
        ),
    ),
    "experiential-09": Voices(
        alex=(
            "I'll take over the bins and recycling for the month, since Sam has been doing them "
            "without a word of complaint. Fair is fair.",
            "I've been doing most of the house stuff while Sam is swamped, which is fine for "
            "now. I'd love it if Sam took over the Sunday food order, so it still feels shared.",
        ),
        sam=(
            "I'll do the laundry properly next week, folding included, since Alex always ends "
            "up doing it. I'd like that one to be mine.",
            "I'll do the food order.",
        ),
    ),
    "experiential-10": Voices(
        alex=(
            "Repotting all the sad plants on the windowsill. Sam has opinions about soil and I "
            "have opinions about pots, so it could be a great team effort.",
            "The photo album from last summer. It has been half-finished for months and I'd "
            "love to do it together, slowly, with tea.",
        ),
        sam=(
            "I'd love to make fresh pasta together. It's messy and slow and you can't do it "
            "while looking at your phone, which is sort of the point.",
            "Pasta, when I have time.",
        ),
    ),
    "experiential-11": Voices(
        alex=(
            "Dancing badly in the kitchen on Friday to the song from our first holiday. Thirty "
            "seconds of pure joy.",
            "Monday's coffee before work, when Sam actually sat down for ten minutes. I'd have "
            "it again, and longer.",
        ),
        sam=(
            "Friday in the kitchen, dancing to that song from Lisbon. I didn't expect it and it "
            "was wonderful.",
            "Monday coffee.",
        ),
    ),
    "experiential-12": Voices(
        alex=(
            "The observatory open night. First step: I'll check the dates this week and put two "
            "in the calendar for us to choose from.",
            "The new exhibition at the Tate. The first step is just picking a date after Sam's "
            "deadline, so I have something to look forward to.",
        ),
        sam=(
            "The winter lights at Kew. The first step is me checking tickets before they sell "
            "out, which I'll do on Monday.",
            "Kew lights? Will look.",
        ),
    ),
    # Intellectual ---------------------------------------------------------------------------
    "intellectual-01": Voices(
        alex=(
            "A podcast about memory, and how every time we remember something we rewrite it "
            "slightly. It made me wonder which of our shared stories we tell differently. I'd "
            "love to compare notes.",
            "An article about how couples drift during busy seasons, and how the small bids "
            "for attention matter most. It hit home. I'd like to talk about it when Sam has the "
            "headspace.",
        ),
        sam=(
            "A documentary about why some streets feel friendly and others don't. I kept "
            "pausing it to tell Alex things, and Alex had great thoughts about school runs.",
            "Nothing much. Too tired to read.",
        ),
    ),
    "intellectual-02": Voices(
        alex=(
            "Whether to have a big wedding one day. Sam thinks small and private; I think big "
            "and loud. What I find interesting is that Sam wants the day to be about us, not a "
            "performance, and I agree with that part.",
            "How much work should come home. Sam thinks it's temporary and worth it; I worry "
            "it's becoming normal. I do understand that this project could really matter for "
            "Sam.",
        ),
        sam=(
            "Social media. Alex thinks it's mostly harmful; I think it's how I keep up with "
            "friends abroad. Alex made a good point about how I feel after scrolling, which "
            "I've been thinking about.",
            "Work-life balance, probably.",
        ),
    ),
    "intellectual-03": Voices(
        alex=(
            "Whether to apply for the deputy head role. I'd really value Sam's honest view, "
            "including the bits I might not want to hear.",
            "Whether to go to my cousin's wedding in Leeds on my own if Sam can't make it. I'd "
            "like us to decide together rather than me just assuming.",
        ),
        sam=(
            "Whether to take the lead on the Hartley project. It's a big opportunity, but it "
            "will eat evenings. I want Alex's opinion because it affects us both.",
            "Maybe a job thing. Later.",
        ),
    ),
    "intellectual-04": Voices(
        alex=(
            "That octopuses taste with their arms. I told Sam over dinner and we spent half an "
            "hour swapping strange animal facts. Best conversation of the week.",
            "That I'm more tired than I thought: I fell asleep at nine on Thursday. Also that "
            "octopuses have three hearts, which I'd have told Sam over dinner, had there been "
            "one.",
        ),
        sam=(
            "I learned the new modelling software at work and explained it to Alex over dinner. "
            "Alex's questions made me understand it better myself.",
            "New software at work.",
        ),
    ),
    "intellectual-05": Voices(
        alex=(
            "On Tuesday, talking about the difficult parent. Sam put the phone face down, asked "
            "questions and didn't jump in with advice. I felt properly heard.",
            "I'm not sure I did this week. The closest was Sunday, when Sam asked about school "
            "and actually waited for the answer. More of that, please.",
        ),
        sam=(
            "Monday night, when I was venting about the client. Alex let me talk, then asked "
            "'do you want ideas, or do you want me to be annoyed with you?' I chose annoyed. "
            "Perfect.",
            "Monday. Alex listened.",
        ),
    ),
    "intellectual-06": Voices(
        alex=(
            "We both got grumpy over the holiday plans. As a shared problem: we want different "
            "things from time off, so we need a trip with a resting part and an adventure "
            "part.",
            "The problem isn't Sam and it isn't me; it's that the project has taken over our "
            "evenings. Together we could protect one evening a week from it, like a fence "
            "around a garden.",
        ),
        sam=(
            "We got snappy about the washing-up. Really, we both come home tired. The shared "
            "problem is our evenings, not each other.",
            "Time. We don't have enough.",
        ),
    ),
    "intellectual-07": Voices(
        alex=(
            "Sam's idea of turning the box room into a studio. I want to hear the full vision, "
            "sketches and all.",
            "What Sam actually wants after this project. Going part-time came up once, half as "
            "a joke, and I'd really like to hear more.",
        ),
        sam=(
            "Alex's plan for an after-school gardening club. I love how Alex lights up talking "
            "about it and I want to hear the details.",
            "Alex's garden club plan.",
        ),
    ),
    "intellectual-08": Voices(
        alex=(
            "If we could live anywhere for a year, where would we go and what would we do every "
            "day? I've got a list. I suspect Sam has a spreadsheet.",
            "What does a good week look like for us now, realistically? Not the ideal one, just "
            "a good-enough one. I'd like us to work that out together.",
        ),
        sam=(
            "Whether happiness comes more from novelty or from routine. Alex and I differ on "
            "this and I think the conversation would be fun.",
            "No time to think, honestly.",
        ),
    ),
    "intellectual-09": Voices(
        alex=(
            "I feel a bit overlooked when plans with friends get made without checking with me "
            "first. I need a quick message before anything goes in the calendar.",
            "I feel lonely when we go a whole evening without really talking, and I need ten "
            "minutes of proper conversation on weeknights, even if it's just about our days.",
        ),
        sam=(
            "I feel stressed when the flat is messy on a workday morning. I need us to do a "
            "ten-minute tidy together before bed, so it doesn't turn into nagging.",
            "I need quiet evenings right now.",
        ),
    ),
    "intellectual-10": Voices(
        alex=(
            "Learning Spanish for the summer. Sam could cheer me on by letting me order at the "
            "tapas bar in Spanish, however slowly.",
            "Running. I've started the couch-to-5k again to manage stress. Sam could cheer me on "
            "by asking how it went, even by text.",
        ),
        sam=(
            "Getting back into climbing after my shoulder injury. Alex could cheer me on by "
            "coming to watch once and being impressed even when I fall off.",
            "Just getting the project done.",
        ),
    ),
    "intellectual-11": Voices(
        alex=(
            "I was cross about the school's new policy and Sam asked what problem it was trying "
            "to solve. It didn't change my mind completely, but it softened it.",
            "When Sam said the deadline is 'the 28th, and then it stops'. Hearing an end date "
            "helped me see this as a season rather than the new normal.",
        ),
        sam=(
            "I was beating myself up about a mistake at work, and Alex asked what I'd say to a "
            "junior colleague who'd made it. I'd be kind. Point taken.",
            "Alex's point about the deadline.",
        ),
    ),
    "intellectual-12": Voices(
        alex=(
            "Mostly to be heard. Next time I'll say 'no fixing, just listening', and Sam can ask "
            "if unsure. We've been practising that, and it's working.",
            "To be heard, mostly. I'll start saying so up front, because Sam is in "
            "problem-solving mode all day at work and it spills over.",
        ),
        sam=(
            "Ideas, for once: I was stuck on the client proposal. I'll say 'I want your brain on "
            "this' next time so Alex knows.",
            "Mostly heard.",
        ),
    ),
    # Physical -------------------------------------------------------------------------------
    "physical-01": Voices(
        alex=(
            "Holding hands on the walk to the market. We don't do it that often any more, and "
            "it felt lovely, a little like when we first met.",
            "The hug at the front door on Thursday when Sam got back late. It lasted a bit "
            "longer than usual, and I noticed.",
        ),
        sam=(
            "Alex's head on my shoulder on the sofa on Sunday evening. Simple, warm and exactly "
            "what I needed after a long week.",
            "Hugs at the door.",
        ),
    ),
    "physical-02": Voices(
        alex=(
            "Lying in on Saturday, half awake, with Sam's freezing feet against mine. Perfectly "
            "at ease, cold feet and all.",
            "Falling asleep on Friday with Sam's arm around me. It was the first night this week "
            "we went to bed at the same time.",
        ),
        sam=(
            "Reading next to each other in bed on Sunday night, Alex's leg against mine. Quiet "
            "and comfortable, no need to talk.",
            "Sunday night, asleep early.",
        ),
    ),
    "physical-03": Voices(
        alex=(
            "A kiss whenever one of us leaves the house, even in a rush. It's a small ritual I'd "
            "love us to keep.",
            "A proper hello when Sam gets home, before the phone comes out. Even ten seconds.",
        ),
        sam=(
            "A hand on my back when we're in the kitchen together. It's a small thing Alex does "
            "sometimes and I love it.",
            "Shoulder rubs, if offered.",
        ),
    ),
    "physical-04": Voices(
        alex=(
            "Mostly a kiss and a 'have a good one' at the door. I'd like to add a proper hug "
            "when we get home, before the bags are even down.",
            "Mostly a shout up the stairs, if I'm honest. I'd like the kiss at the door back. It "
            "takes five seconds.",
        ),
        sam=(
            "We've been good at goodbye kisses and bad at hellos. I'd like to add a hug when we "
            "get in, before anything else.",
            "Rushed. Could do better.",
        ),
    ),
    "physical-05": Voices(
        alex=(
            "A tidy-ish flat and a slow evening with no screens. We had two of those, which "
            "felt like plenty.",
            "Knowing Sam has really switched off from work. There wasn't much of that this week, "
            "so closeness felt harder to reach for both of us.",
        ),
        sam=(
            "Getting work off my mind first; a bath or a walk helps me switch off. I got some "
            "of that this week, thanks to Alex.",
            "Switching off. Not much.",
        ),
    ),
    "physical-06": Voices(
        alex=(
            "After parents' evening. I could have just said 'I need a hug' instead of hovering "
            "in the kitchen doorway looking sorry for myself.",
            "Sunday night, when I felt a bit tearful for no clear reason. Next time I'll just "
            "say 'hug, please' instead of waiting to be noticed.",
        ),
        sam=(
            "After the bad client call on Thursday. I'll try saying 'hug first, talk later' "
            "when I walk in.",
            "Thursday. Should have asked.",
        ),
    ),
    "physical-07": Voices(
        alex=(
            "Pretty good energy. I'd love some playful closeness: dancing in the kitchen, "
            "a pillow fight, that sort of thing.",
            "Low-ish. What would suit me is quiet closeness: the sofa, Sam's feet in my lap, no "
            "big expectations.",
        ),
        sam=(
            "Low energy at the end of a long stretch. Quiet closeness suits me best right now: "
            "lying on the sofa together with a film, not much talking.",
            "Low. Quiet closeness.",
        ),
    ),
    "physical-08": Voices(
        alex=(
            "A long hug and a cup of tea, without having to explain myself. Sam is good at this "
            "already.",
            "Being held for a minute without talking, and then tea. I'd like to offer Sam the "
            "same, if it's wanted.",
        ),
        sam=(
            "A shoulder rub and half an hour to decompress, then a cuddle. Alex has learned "
            "this perfectly.",
            "Shoulder rub and quiet.",
        ),
    ),
    "physical-09": Voices(
        alex=(
            "Slow-dancing in the kitchen to an old song. It felt good because it was unplanned "
            "and silly and just us.",
            "Sunday morning in bed, talking for a while before getting up. It felt good because "
            "for once we weren't rushing anywhere.",
        ),
        sam=(
            "The lie-in on Saturday. It felt good because neither of us had anywhere to be, and "
            "it was so easy.",
            "The Sunday lie-in.",
        ),
    ),
    "physical-10": Voices(
        alex=(
            "A good balance, I think: evenings together, plus Saturday morning to myself for a "
            "run and a coffee alone.",
            "A bit more closeness than we've had lately. I've had plenty of space, more than I'd "
            "like.",
        ),
        sam=(
            "Closeness in the evenings, but I could do with Sunday morning to myself to run and "
            "clear my head.",
            "Some space to work, then closer.",
        ),
    ),
    "physical-11": Voices(
        alex=(
            "Reading in bed with the fairy lights on, like we did in the winter. Very snug, "
            "very us.",
            "A film on the sofa under the big blanket, with Sam's phone in the other room. I'll "
            "make the popcorn.",
        ),
        sam=(
            "A film night with the big blanket and popcorn. Alex can choose, as long as it isn't "
            "another heist film.",
            "Film on the sofa.",
        ),
    ),
    "physical-12": Voices(
        alex=(
            "I love it when Sam plays with my hair while we watch TV. I'd rather skip being "
            "tickled when I'm tired, though.",
            "That I'm not after anything big right now. I just miss casual affection in "
            "passing: a hand squeeze, a kiss on the forehead.",
        ),
        sam=(
            "I love being hugged from behind when I'm cooking. When I'm stressed I'd rather "
            "have a hug than a back rub, because a back rub can feel like one more thing.",
            "Hugs, yes. Not much else right now.",
        ),
    ),
}


# When a prompt comes back during the good weeks (five to seven weeks later), the partners
# answer it afresh: (Alex's answer, Sam's answer).
SECOND_ANSWERS: dict[str, tuple[str, str]] = {
    "emotional-01": (
        "Sunday evening, lying on the living-room floor listening to records with Sam's head "
        "on my stomach. We talked about places we want to see, and it felt like being twenty "
        "again.",
        "On the train back from the coast, with Alex asleep on my shoulder. I sat there "
        "feeling lucky and didn't want the journey to end.",
    ),
    "emotional-02": (
        "Sam's go at the music round of the pub quiz: confidently singing the wrong song for "
        "every single clip. The whole table was in bits. We lost by a mile and I didn't care.",
        "Alex trying to parallel park while narrating it like a nature documentary: 'the "
        "driver approaches the space with caution'. I was crying with laughter.",
    ),
    "emotional-03": (
        "A small wobble of worry about Sam's new project. I'm proud and excited for Sam, and a "
        "little scared of losing our evenings. I'd like to say that out loud now, before it "
        "becomes a thing.",
        "That I'm nervous about the new project. I keep saying it's exciting, which it is, but "
        "I'm also scared of getting it wrong in front of everyone.",
    ),
    "emotional-04": (
        "That we keep our Sunday evenings even when work gets busy. And, small but real: that "
        "the tomatoes on the balcony actually ripen this year.",
        "That I can lead this project without it swallowing us. I'm hoping we keep Sunday "
        "evenings, whatever happens at work.",
    ),
    "emotional-05": (
        "Trying on outfits for my cousin's wedding and feeling frumpy in everything. Sam came "
        "and waited outside the changing room and made me laugh, which helped more than any "
        "compliment.",
        "The first project meeting, when everyone looked at me for answers. Alex asking 'how "
        "did it go?' that evening, and really listening, helped a lot.",
    ),
    "emotional-06": (
        "Sam's courage in saying yes to leading the project. Sam was nervous and did it "
        "anyway, and talked about the nerves with me honestly. I noticed, and I admire it.",
        "Alex's honesty. When I asked whether I was taking on too much, Alex told me, gently "
        "but truthfully, and I needed that.",
    ),
    "emotional-07": (
        "I wish for a slow Saturday morning with breakfast in bed and no plans. We haven't had "
        "one for a while.",
        "I'd love a text or two during the day, just something silly. It keeps me going when "
        "work is full on.",
    ),
    "emotional-08": (
        "Frustration with a colleague who keeps taking credit for my ideas. I don't need a "
        "solution; I just want Sam to know why I was grumbling on Wednesday.",
        "Some guilt about working late on Thursday and missing dinner. I don't need Alex to "
        "say it's fine; I just want Alex to know I noticed.",
    ),
    "emotional-09": (
        "I ran my first 10k on Sunday, with Sam cheering at the finish and holding up a banana "
        "like a trophy. I'm quietly, and not so quietly, proud.",
        "I said no to an extra piece of work so that I could keep our Saturday free. That "
        "isn't easy for me, and I'm proud of it.",
    ),
    "emotional-10": (
        "Singing badly in the car on the way to the coast, with Sam doing the harmonies. Loud, "
        "silly and completely myself.",
        "Walking by the river on Saturday, skimming stones and talking nonsense with Alex. "
        "Totally myself.",
    ),
    "emotional-11": (
        "Whether we're saving enough for the move. I'd like us to look at it together over a "
        "coffee one Saturday, so that it becomes a plan rather than a worry.",
        "My mum's hospital check-up next month. I'd like us to talk about what we'd do if it's "
        "bad news, so I'm not quietly catastrophising on my own.",
    ),
    "emotional-12": (
        "Sam remembered my interview was on Thursday and sent a good-luck voice note that made "
        "me laugh right before I went in.",
        "Alex packed me a proper lunch on my first day leading the project, with a note. "
        "Small, and it made my day.",
    ),
    "experiential-01": (
        "Our walk along the seafront on Saturday, with chips far too hot to eat and a long "
        "talk about what we want the next year to look like.",
        "Saturday afternoon in the second-hand bookshops, then a pint. No plan and no rush, "
        "and Alex found me a copy of a book I loved as a kid.",
    ),
    "experiential-02": (
        "A Sunday morning run together, which Sam keeps suggesting. I'll try it if we stop "
        "for pastries afterwards.",
        "A morning swim at the lido before work. It's a bit mad, but I think we'd feel "
        "brilliant afterwards, and it could be our thing.",
    ),
    "experiential-03": (
        "Yes, the whole of Saturday afternoon at the beach. I didn't miss mine once. Let's "
        "make Sunday mornings phone-free every week.",
        "Yes, at dinner on Friday. It felt good, though I noticed the itch to check work. I'd "
        "like to keep Friday dinners phone-free.",
    ),
    "experiential-04": (
        "Washing up together after Sam's friends came round, radio on, picking over the "
        "evening. One of my favourite bits of the week.",
        "Walking to the station together on Wednesday, since we were both in early. Twenty "
        "minutes of chatting I'd usually spend on email.",
    ),
    "experiential-05": (
        "Sam's photography walks. I'd like to tag along once and see what Sam notices that I "
        "walk straight past.",
        "Alex's Spanish. I'd like to learn enough to order tapas alongside Alex in the "
        "summer, even if badly.",
    ),
    "experiential-06": (
        "The little Italian place round the corner, then the long way home through the park. "
        "Simple and lovely.",
        "Board games and a takeaway, with candles for no reason. Cosy and silly, the perfect "
        "end to a long week.",
    ),
    "experiential-07": (
        "Sam keeps mentioning the climbing wall's beginners' night. Going on a quiet weekday, "
        "with nobody watching me wobble, would make it easier.",
        "The pottery class. Honestly, I'm worried I'll be bad at it. Going with Alex's friend "
        "who is also a beginner would make it easier.",
    ),
    "experiential-08": (
        "Saturday afternoon in the park with a blanket and a flask, taking turns to read bits "
        "of our books out loud.",
        "Sunday afternoon in the park with a blanket and the papers. Alex fell asleep, I read, "
        "and it was perfect.",
    ),
    "experiential-09": (
        "I'll take over the ironing for the next few weeks, so Sam can ease into the new role.",
        "I'll do the Sunday meal prep this week, so Alex isn't cooking every night while I'm busy.",
    ),
    "experiential-10": (
        "A proper Sunday roast for friends, cooked as a team: Sam on potatoes, me on gravy, "
        "no arguments about timings.",
        "Building the new shelves properly this time, with the instructions, as a team. We "
        "owe the wonky bookcase an apology.",
    ),
    "experiential-11": (
        "Saturday evening by the sea, watching the light go, with Sam's jumper round my "
        "shoulders. I'd live that again tomorrow.",
        "Saturday afternoon, when the sun came out and we stayed in the park until it got cold.",
    ),
    "experiential-12": (
        "The food market tour in Borough. First step: I'll ask my friend who went which one "
        "was best.",
        "A life-drawing class. We both said 'maybe' with big grins. First step: I'll find a "
        "weekend one that isn't too serious.",
    ),
    "intellectual-01": (
        "A novel about two sisters who stop speaking for ten years. It got me thinking about "
        "how silences grow. I told Sam about it on the train and we talked for an hour.",
        "A podcast about burnout, on the way to work. It made me think about how I want to "
        "run this project, and I talked it through with Alex.",
    ),
    "intellectual-02": (
        "Whether to get a dog. Sam is all for it; I'm worried about the time. What I find "
        "interesting is that Sam sees a dog as a way to get us outside together, which is a "
        "lovely reason.",
        "Whether to buy or keep renting. Alex is more cautious than me, and I find it "
        "interesting how much of that is about feeling settled rather than money.",
    ),
    "intellectual-03": (
        "Whether to say yes to running the school trip in the summer. Sam's view on how much "
        "I can take on would really help.",
        "How to organise my team on the new project. Alex manages a class of thirty, so I'd "
        "genuinely value the advice.",
    ),
    "intellectual-04": (
        "How sourdough starters work. Sam sat through a very long explanation and then asked "
        "to name the starter. It's called Doughris.",
        "That the oldest tree in London is well over a thousand years old. I told Alex, and "
        "now we want to go and find it.",
    ),
    "intellectual-05": (
        "On the drive home on Sunday. I talked about my dad and Sam just listened, then said "
        "'thank you for telling me'. That was exactly right.",
        "Wednesday, when I was worrying out loud about the project. Alex didn't interrupt "
        "once, and then summed it up better than I had.",
    ),
    "intellectual-06": (
        "We clashed over how tidy the flat needs to be. As a shared problem: we have "
        "different thresholds, so we need a ten-minute reset we both agree on.",
        "We disagreed about how much to spend on the weekend away. As a shared problem: we "
        "both want treats, and we both want savings for next year.",
    ),
    "intellectual-07": (
        "Sam's plans for running the new project. Sam has ideas about keeping the team from "
        "burning out, and I'd love to hear them all.",
        "Alex's idea of a 'one new thing a month' year. I want to hear the list and argue "
        "about it.",
    ),
    "intellectual-08": (
        "Are people shaped more by where they grow up or by who they meet later? I think Sam "
        "and I would come down on different sides.",
        "What would each of us do with a completely free year? I think our answers would "
        "surprise each other.",
    ),
    "intellectual-09": (
        "I feel a little left out when Sam's work stories stay at work. I need to hear the "
        "odd bit, even the dull parts, so I can feel part of it.",
        "I feel overwhelmed when I come home to a list of things to decide. I need half an "
        "hour to land first, and then I'm all yours.",
    ),
    "intellectual-10": (
        "Getting to bed before eleven. Sam could cheer me on by not starting a new episode at "
        "half past ten.",
        "Being a better manager. Alex could cheer me on by asking about my team now and then, "
        "and reminding me it's my first go at this.",
    ),
    "intellectual-11": (
        "I was fretting about family politics at my cousin's wedding and Sam said 'you don't "
        "have to fix your family in one day'. It took the pressure off.",
        "When I said I felt like a fraud on the new project, Alex pointed out that I was "
        "chosen for a reason. Hard to argue with.",
    ),
    "intellectual-12": (
        "A bit of both. Next time I'll say 'listen first, then ideas', and Sam can check which "
        "part we're in.",
        "Mostly heard. I'll say 'just let me rant' at the start, and Alex can ask 'rant or "
        "advice?' if I forget.",
    ),
    "physical-01": (
        "Sam's arm around me on the walk back from dinner on Friday. Simple and warm, and I "
        "felt very looked after.",
        "Holding hands in the cinema, which we haven't done in ages. It felt like a proper date.",
    ),
    "physical-02": (
        "Sunday afternoon, dozing on the sofa with Sam's hand on my back. No plans and no rush.",
        "Sunday afternoon on the sofa, Alex's feet in my lap, both of us reading. Totally at ease.",
    ),
    "physical-03": (
        "Sam's hand on my knee in the car. I'd love more of that; it makes me feel chosen.",
        "A proper kiss goodnight rather than a mumbled one. I'd like us both to make a bit "
        "more effort with it.",
    ),
    "physical-04": (
        "Good at hellos this week: Sam has started coming to find me wherever I am in the "
        "flat. I'd like to add a proper goodbye kiss on busy mornings.",
        "Alex has started meeting me at the door with a hug, and I love it. I'd like to add a "
        "text when one of us is running late.",
    ),
    "physical-05": (
        "A bit of time to myself first, then a slow evening. I had that twice this week and "
        "felt much closer to Sam.",
        "A walk after work helps me shake off the day. We managed two this week, and the "
        "evenings felt much closer afterwards.",
    ),
    "physical-06": (
        "After a tough phone call with my sister. Next time I'll just walk over and say 'hug, "
        "please'. Sam always says yes.",
        "On Tuesday, after the project kick-off; I went quiet instead. Next time I'll just say "
        "'big day, hug please'.",
    ),
    "physical-07": (
        "Good and bouncy. Playful closeness would suit me: a dance in the kitchen, a tussle "
        "over the duvet.",
        "Up and down. Cosy closeness suits me best: curled up together under a blanket, and an "
        "early night.",
    ),
    "physical-08": (
        "Lying on the sofa with my head in Sam's lap, saying nothing, while Sam strokes my hair.",
        "Being held and told it'll be fine, even if neither of us knows that yet. Then a cup "
        "of tea.",
    ),
    "physical-09": (
        "Sam hugging me from behind while I cooked on Wednesday. It felt good because it came "
        "out of nowhere.",
        "Falling asleep holding hands on Friday. It felt good because the week had been "
        "hectic, and that was calm.",
    ),
    "physical-10": (
        "Lots of closeness, with an hour to myself on Sunday morning. That balance has been "
        "working well.",
        "Plenty of closeness, please. Work is going to be busy, so I want our time at home to "
        "feel close.",
    ),
    "physical-11": (
        "An early night with hot chocolate and a silly film on the laptop, propped up on all "
        "the pillows.",
        "Breakfast in bed on Sunday, crumbs and all, with the radio on.",
    ),
    "physical-12": (
        "I love a long hug when I get home from school. I'd rather skip cold hands up my "
        "jumper, however funny Sam finds it.",
        "I love a hand on the back of my neck when I'm at my desk. I'd rather skip surprise "
        "tickling when I'm concentrating.",
    ),
}
