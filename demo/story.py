"""The demo couple's twelve weeks, oldest first, as plain data.

The story: a warm start, a cold that puts Sam off cuddles for a week, a weekend away, then
Sam takes the lead on a big project at work. Over the last weeks Sam writes less and less,
skips a week, and the two of them stop doing things together. That history is written so the
flags in ``checkins.flags`` all have something to say: one-sided weeks and the
one-sided pattern, a dimension left blank, a rating gap, a warning sign both ticked and
experiential closeness drifting down. The current week is left empty to try the check-in.

Whatever the prompts, the same flags come up in the same weeks (``tests/test_seed_demo.py``
checks that). The reflections themselves are in ``demo.answers``.
"""

from __future__ import annotations

from dataclasses import dataclass

from checkins.catalog import Dimension, FollowThrough, WarningSign

# A moment in the story: days after the first day of a week, hour and minute, in the couple's
# time zone.
Moment = tuple[int, int, int]

DIMENSIONS: tuple[str, ...] = (
    Dimension.EMOTIONAL.value,
    Dimension.EXPERIENTIAL.value,
    Dimension.INTELLECTUAL.value,
    Dimension.PHYSICAL.value,
)


@dataclass(frozen=True)
class Entry:
    """One partner's check-in in one week of the story.

    ``ratings`` and ``needs`` follow ``DIMENSIONS``. ``at`` is when it was submitted, as days
    after the week's first day, hour and minute in the couple's time zone. ``stretched`` picks
    the stretched answers of ``demo.answers.Voices``; ``blank`` lists dimensions answered with
    a rating only.
    """

    ratings: tuple[int, int, int, int]
    needs: tuple[str, str, str, str]
    appreciation: str
    at: Moment
    stretched: bool = False
    signs: tuple[str, ...] = ()
    follow_through: str = ""
    private_note: str = ""
    blank: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryWeek:
    alex: Entry
    sam: Entry | None  # None: Sam skipped this week


YES = FollowThrough.YES.value
PARTLY = FollowThrough.PARTLY.value
NOT_YET = FollowThrough.NOT_YET.value
DISTANT = WarningSign.DISTANT.value
NO_HELP = WarningSign.NO_HELP.value
NOT_TALKING = WarningSign.NOT_TALKING.value
ONLY_ONE_SHARES = WarningSign.ONLY_ONE_SHARES.value

STORY: tuple[StoryWeek, ...] = (
    # 0: the first check-in.
    StoryWeek(
        alex=Entry(
            ratings=(4, 4, 4, 4),
            needs=(
                "Tell me when something's on your mind, even if it feels small.",
                "Let's keep Sunday evenings for the two of us.",
                "Ask me about the book I'm reading; I'm bursting to talk about it.",
                "More hand-holding on walks, please.",
            ),
            appreciation="Thank you for suggesting we try these check-ins. It felt brave and "
            "kind, and very you.",
            at=(6, 20, 10),
        ),
        sam=Entry(
            ratings=(4, 5, 4, 4),
            needs=(
                "Check in with me on Wednesdays; midweek is when I flag.",
                "Help me choose what we do on Saturday.",
                "",
                "Cuddles on the sofa in the evenings.",
            ),
            appreciation="You made my favourite dinner on Monday after my long day. I noticed, "
            "and it meant a lot.",
            at=(6, 21, 35),
        ),
    ),
    # 1
    StoryWeek(
        alex=Entry(
            ratings=(5, 4, 4, 4),
            needs=(
                "A proper hug when I get home from parents' evening on Tuesday.",
                "Could we go to the market together on Saturday?",
                "I'd love your honest take on the deputy head job.",
                "A kiss goodbye in the mornings, even when we're rushing.",
            ),
            appreciation="You spent forty minutes on the phone sorting out my mum's email. "
            "You're a saint.",
            at=(6, 19, 45),
            follow_through=YES,
        ),
        sam=Entry(
            ratings=(4, 4, 5, 4),
            needs=(
                "Remind me it's fine to be tired.",
                "Keep Sunday free for a long walk.",
                "Tell me more about the gardening club idea.",
                "",
            ),
            appreciation="You noticed I was stressed before I did and ran me a bath. Thank you.",
            at=(5, 18, 20),
            follow_through=YES,
        ),
    ),
    # 2
    StoryWeek(
        alex=Entry(
            ratings=(4, 5, 4, 5),
            needs=(
                "Tell me one good thing and one hard thing from your day, most days.",
                "Let's book the pottery evening.",
                "Debate me on the holiday question over dinner; I've got arguments ready.",
                "A Saturday lie-in together, phones off.",
            ),
            appreciation="The note you left in my bag. I'm keeping it.",
            at=(6, 20, 40),
            follow_through=YES,
        ),
        sam=Entry(
            ratings=(5, 5, 4, 4),
            needs=(
                "Just keep being you this week.",
                "Let's try the new Vietnamese place.",
                "Ask me about the Hartley project; I'd like your opinion.",
                "A long hug when I get in on Thursday.",
            ),
            appreciation="You were so kind to my brother on the phone on Sunday. He mentioned "
            "it to me afterwards.",
            at=(6, 22, 5),
            follow_through=PARTLY,
        ),
    ),
    # 3: Sam has a cold, and feels far from physical closeness (a rating gap).
    StoryWeek(
        alex=Entry(
            ratings=(4, 3, 4, 4),
            needs=(
                "Let me look after you while you're ill; you don't have to be fine.",
                "A film and soup night once you're feeling better.",
                "",
                "When you're better, I'd love a proper cuddle on the sofa.",
            ),
            appreciation="You still asked about my day with a temperature of thirty-eight. "
            "That's love.",
            at=(6, 19, 30),
            signs=(NO_HELP,),
            follow_through=PARTLY,
        ),
        sam=Entry(
            ratings=(4, 3, 4, 2),
            needs=(
                "Patience while I'm grumpy and ill.",
                "",
                "Read me the funny bits from your book; my head can't cope with screens.",
                "Some space while I'm ill, please. Not personal, just germs and aches.",
            ),
            appreciation="Thank you for the endless lemon and honey, and for not catching it.",
            at=(6, 16, 50),
            follow_through=PARTLY,
        ),
    ),
    # 4
    StoryWeek(
        alex=Entry(
            ratings=(4, 4, 5, 4),
            needs=(
                "Tell me how the appraisal prep is going, not just that it's fine.",
                "Saturday morning at the market again?",
                "Help me decide about the deputy head application by Friday.",
                "A hand on my back when we're cooking. I love that.",
            ),
            appreciation="You rehearsed my conversation with my head of department with me "
            "twice, and made me laugh both times.",
            at=(6, 20, 25),
            follow_through=YES,
            private_note="Note to self: I get short with Sam when I'm hungry. Eat something "
            "before starting any serious conversation.",
        ),
        sam=Entry(
            ratings=(4, 4, 4, 4),
            needs=(
                "A pep talk on Wednesday night before my presentation.",
                "Let's plan a day out for the bank holiday.",
                "",
                "A lazy morning together at the weekend.",
            ),
            appreciation="You listened to my whole presentation in the kitchen and asked the "
            "hard questions. I was ready because of you.",
            at=(6, 21, 10),
            follow_through=YES,
        ),
    ),
    # 5: a weekend away.
    StoryWeek(
        alex=Entry(
            ratings=(5, 5, 4, 5),
            needs=(
                "Keep telling me what you're excited about; I love hearing it.",
                "Let's put the Lakes dates in the calendar this week.",
                "I'd like to hear the full plan for the box room studio.",
                "More mornings like Saturday's.",
            ),
            appreciation="You planned the whole weekend in Whitstable and remembered I wanted "
            "to see the oyster huts. Perfect.",
            at=(6, 21, 0),
            follow_through=YES,
        ),
        sam=Entry(
            ratings=(5, 5, 4, 4),
            needs=(
                "Tell me if you're worried about money; let's not both hide it.",
                "Same again next month? I loved this.",
                "Help me think through whether to take the Hartley lead.",
                "Dancing in the kitchen again, please.",
            ),
            appreciation="You made the weekend away so easy and fun. I haven't laughed that "
            "much in ages.",
            at=(6, 21, 45),
            follow_through=YES,
        ),
    ),
    # 6: Sam's big project starts.
    StoryWeek(
        alex=Entry(
            ratings=(4, 4, 4, 4),
            needs=(
                "Tell me what the new project involves, so I can picture your days.",
                "Protect Sunday evening for us, even in the busy patch.",
                "Tell me how your first week leading the project goes.",
                "A proper hello when you get in, before the laptop.",
            ),
            appreciation="You came to my friend's birthday drinks even though you'd had a huge "
            "day.",
            at=(6, 19, 55),
            follow_through=YES,
        ),
        sam=Entry(
            ratings=(4, 4, 4, 3),
            needs=(
                "Bear with me while I find my feet on the new project.",
                "Keep Sunday evening for us, please.",
                "",
                "Hugs, lots of them.",
            ),
            appreciation="You were so supportive about me taking the lead on Hartley. It made "
            "it easier to say yes.",
            at=(6, 22, 30),
            follow_through=PARTLY,
            private_note="The Hartley project starts on Monday. I haven't told Alex how "
            "worried I am about it. I want to look as if I've got it under control.",
        ),
    ),
    # 7: a lovely week, and the last one in which Sam writes at length.
    StoryWeek(
        alex=Entry(
            ratings=(4, 5, 4, 4),
            needs=(
                "Tell me how you're really doing with the project, not the headline version.",
                "Could we keep Saturday mornings for us?",
                "I'd love to hear what you're learning in the new role.",
                "Forehead kisses. I don't know why, but I love them.",
            ),
            appreciation="You planned a surprise picnic in the park on Saturday, with my "
            "favourite crisps. I felt so loved.",
            at=(6, 20, 15),
            follow_through=YES,
        ),
        sam=Entry(
            ratings=(4, 4, 4, 4),
            needs=(
                "Keep checking in; I'm rubbish at volunteering it.",
                "Let's do the pasta-making thing soon.",
                "Tell me about school; I want to hear about your week too.",
                "Quiet cuddles in the evenings.",
            ),
            appreciation="You're being so understanding about my hours. I notice it, and I'm "
            "grateful.",
            at=(6, 23, 5),
            follow_through=YES,
        ),
    ),
    # 8: Sam writes much less than Alex.
    StoryWeek(
        alex=Entry(
            ratings=(3, 4, 4, 3),
            needs=(
                "Tell me one thing from your day each evening, even if it's just 'I'm tired'.",
                "One weeknight walk together, even twenty minutes.",
                "Ask me about school; I've got a story saved up for you.",
                "Come to bed at the same time as me one night this week.",
            ),
            appreciation="You brought me coffee in bed on Saturday even though you were "
            "clearly exhausted.",
            at=(6, 20, 5),
            stretched=True,
            signs=(ONLY_ONE_SHARES,),
            follow_through=PARTLY,
        ),
        sam=Entry(
            ratings=(4, 4, 3, 4),
            needs=("", "Weekend lie-in.", "", ""),
            appreciation="Thanks for the coffee. Lovely.",
            at=(6, 23, 40),
            stretched=True,
            follow_through=PARTLY,
        ),
    ),
    # 9: Sam skips the week; Alex's answers stay hidden from Sam.
    StoryWeek(
        alex=Entry(
            ratings=(3, 3, 4, 3),
            needs=(
                "I'd love us to talk about how the last few weeks have felt, for both of us.",
                "One evening this week with no laptop, doing anything at all together.",
                "Tell me what your week actually looks like, so I can stop guessing.",
                "A long hug when you get home, before anything else.",
            ),
            appreciation="You've kept going through a brutal stretch at work and still text "
            "me at lunchtime.",
            at=(6, 20, 50),
            stretched=True,
            signs=(DISTANT,),
            follow_through=PARTLY,
            private_note="I almost wrote 'you never fill this in any more' in the "
            "appreciation box. Glad I didn't. On Sunday, with the phones in the drawer, ask "
            "Sam properly how the project is going.",
        ),
        sam=None,
    ),
    # 10: both notice they have stopped talking about their lives (a shared sign).
    StoryWeek(
        alex=Entry(
            ratings=(3, 3, 3, 3),
            needs=(
                "Ten minutes of proper conversation on weeknights, about anything.",
                "Can we put the Lakes dates in the calendar, even for after the deadline?",
                "Tell me what you want after the 28th, not just what work wants.",
                "Sitting close on the sofa, no phones, one evening.",
            ),
            appreciation="When I said I missed you on Sunday, you put the laptop away and "
            "listened. Thank you.",
            at=(6, 19, 40),
            stretched=True,
            signs=(NOT_TALKING, ONLY_ONE_SHARES),
            follow_through=NOT_YET,
        ),
        sam=Entry(
            ratings=(3, 3, 4, 3),
            needs=("", "Something nice after the 28th.", "", "Hugs."),
            appreciation="Thanks for being patient. I know it's a lot.",
            at=(6, 23, 50),
            stretched=True,
            signs=(NOT_TALKING,),
            follow_through=NOT_YET,
            private_note="I know I've gone quiet. The deadline is the 28th and after that I "
            "want to actually be here. I don't know how to say that without it sounding like "
            "an excuse.",
        ),
    ),
    # 11: last week. Sam leaves the emotional section blank, and rates it far higher.
    StoryWeek(
        alex=Entry(
            ratings=(2, 2, 4, 3),
            needs=(
                "Let's talk about how this week felt for each of us; I think we might see it "
                "differently.",
                "One evening out, just us, even if it's only a walk and chips.",
                "Tell me how the deadline went, properly, over dinner.",
                "Falling asleep together one night, same time, no phones.",
            ),
            appreciation="You texted from the office at ten to say sorry you were late. It helped.",
            at=(6, 20, 30),
            stretched=True,
            signs=(DISTANT,),
            follow_through=PARTLY,
        ),
        sam=Entry(
            ratings=(4, 3, 3, 4),
            needs=("", "Weekend away after the 28th?", "", ""),
            appreciation="Thanks for holding the fort.",
            at=(6, 23, 55),
            stretched=True,
            signs=(NO_HELP,),
            follow_through=PARTLY,
            blank=(Dimension.EMOTIONAL.value,),
        ),
    ),
)


HISTORY_WEEKS = len(STORY)  # before the current week, which is left empty
