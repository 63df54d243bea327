"""The "no invented facts" check (issue 19): app/support/facts.py, pure functions."""

import json

import pytest

from app.support.demo import DEMO_FAQS
from app.support.facts import KINDS, Fact, facts_in, unsupported_facts

DEMO = [f"{faq['question']}\n{faq['answer']}" for faq in DEMO_FAQS]
NORTHWIND = [
    "Lost card: call our 24/7 card emergency line on +44 20 7946 0321. A replacement "
    "costs £5 (€6).",
    "Exchanges are fee-free up to £1,000 (€1,150) per calendar month; above that we add 0.5%, "
    "and from Friday 22:00 to Sunday 22:00 UK time a 1% markup. Use the help form at "
    "northwindbank.example/help.",
    "For children aged 7 to 17, a parent can open a Junior account. Standard delivery takes "
    "3-5 working days in the UK and 5-8 in the rest of the EEA. Disputes within 120 days.",
]


def flagged(reply: str, sources=DEMO) -> list[str]:
    return [fact.text for fact in unsupported_facts(reply, sources)]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(fact.text, fact.kind) for fact in facts_in(text)]


# --- what counts as a fact ----------------------------------------------------------------


def test_facts_in_finds_every_kind_with_offsets():
    text = (
        "Express costs $12 and takes 1-2 working days; 5% off until 1 March at 9am. "
        "Mail help@shop.example, see https://shop.example/returns or call 020 7946 0321. "
        "We stock 3000 tents."
    )
    found = facts_in(text)
    assert [(f.text, f.kind) for f in found] == [
        ("$12", "money"),
        ("1-2 working days", "duration"),
        ("5%", "percent"),
        ("1 March", "date"),
        ("9am", "time"),
        ("help@shop.example", "email"),
        ("https://shop.example/returns", "url"),
        ("020 7946 0321", "phone"),
        ("3000", "number"),
    ]
    for fact in found:
        assert text[fact.start : fact.end] == fact.text
        assert fact.kind in KINDS


def test_fact_is_a_frozen_dataclass():
    fact = Fact("$12", "money", 0, 3)
    with pytest.raises(AttributeError):
        fact.text = "$13"


@pytest.mark.parametrize("text", ["", "   ", "Hi! Happy to help.", "\n\n"])
def test_no_facts(text):
    assert facts_in(text) == []
    assert unsupported_facts(text, DEMO) == []


def test_empty_sources_flag_every_fact():
    assert flagged("Express costs $12.", []) == ["$12"]
    assert flagged("Express costs $12.", ["", None]) == ["$12"]


@pytest.mark.parametrize(
    "text",
    [
        "1. Open **Orders**\n2. Choose the item\n3. Print the label",
        "- 1. first\n- 2. second",
        "  1) Open the app\n  2) Tap Cards",
        "Returns are easy [FAQ 1]. Shipping is covered too [FAQ 4][FAQ 12].",
        "As FAQ 3 says, send a photo (see [1] and [^2]).",
        "Step 1: open the app. Option 2 is faster.",
        "We're here 24/7 to help, and one of our team will reply.",
        "Re-proof it every couple of seasons; a few days is normal.",
        "Use 3D Secure; keep an A4 copy; it's a 3rd-party fee.",
        "**Step 3.** Done!",
    ],
)
def test_not_facts(text):
    assert facts_in(text) == [], kinds(text)


def test_numbers_inside_an_address_belong_to_it():
    text = "Write to team42@shop2.example or visit https://shop2.example/v2/returns?id=7."
    assert kinds(text) == [
        ("team42@shop2.example", "email"),
        ("https://shop2.example/v2/returns?id=7", "url"),
    ]
    assert kinds("Call +44 20 7946 0321 now") == [("+44 20 7946 0321", "phone")]


def test_number_words_need_a_unit():
    assert kinds("two options: thirty days or one year") == [
        ("thirty days", "duration"),
        ("one year", "duration"),
    ]
    assert kinds("You have two options and one of them is free.") == []


def test_compound_number_words_are_one_fact():
    """ "two hundred and fifty dollars" is $250, not "fifty dollars" after two loose words."""
    assert kinds("from two hundred and fifty dollars, or a thousand pounds") == [
        ("two hundred and fifty dollars", "money"),
        ("a thousand pounds", "money"),
    ]
    assert flagged("Gift cards go up to three hundred and fifty dollars.") == [
        "three hundred and fifty dollars"
    ]


# --- supported: formatting is not a fact ----------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Express shipping costs $12.",
        "Express shipping costs 12 dollars.",
        "Express shipping costs USD 12.",
        "Express shipping costs $12.00.",
        "Express shipping costs 12 USD.",
        "Standard shipping is free over fifty dollars.",
        "Returns are accepted within thirty days.",
        "We have a 30-day return window.",
        "Returns: 30 days from delivery.",
        "Every product has a two-year warranty.",
        "Every product has a 2 year warranty.",
        "It has a 24-month warranty.",
        "Standard takes 3-5 working days.",
        "Standard takes 3–5 working days.",
        "Standard takes 3 to 5 working days.",
        "Standard takes between 3 and 5 business days.",
        "Standard takes 3-5 days.",
        "Standard takes three to five working days.",
        "Express takes 1—2 working days.",
        "International: 7-12 days.",
        "Refunds arrive within 5 business days.",
        "Refunds arrive in up to five working days.",
        "Report damage within 14 days, that's two weeks.",
        "Gift cards from $25 to $250.",
        "Gift cards from $25-$250.",
        "Gift cards from twenty-five to two hundred and fifty dollars.",
        "Our tents have a 3,000 mm flysheet.",
        "Our tents have a 3000mm flysheet.",
        "**Express**: $12 · 1-2 days",
    ],
)
def test_supported_formatting_variants(reply):
    assert flagged(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Call 020 7946 0321.",
        "Call +44 20 7946 0321.",
        "Call +44 (0)20 7946 0321.",
        "Call +442079460321.",
        "Call 0044 20 7946 0321.",
        "Call 020-7946-0321.",
        "See https://northwindbank.example/help/.",
        "See HTTP://www.NorthwindBank.example/help.",
        "See northwindbank.example.",
        "Exchanges are free up to £1000 a month, then 0.5 percent.",
        "Exchanges are free up to €1,150 each month, then there's a 0.5% fee.",
        "A replacement costs 5 pounds or 6 euros.",
        "A 1 per cent markup applies from 10pm on Friday to 10pm on Sunday.",
        "A one percent markup from Friday 10 p.m. until Sunday 22:00.",
        "Junior accounts are for ages 7-17.",
        "Children 7 to 17 years old can have a Junior account.",
        "Standard delivery: 5-8 working days in the EEA.",
        "Raise a dispute within 120 days of the payment.",
        "We're available 24 hours a day, 7 days a week on the emergency line.",
    ],
)
def test_supported_northwind_variants(reply):
    assert flagged(reply, NORTHWIND) == []


def test_the_top_of_a_range_supports_up_to():
    # "up to 5 working days" from "3-5 working days" is a fair reading; "takes 5" is not
    sources = ["Standard takes 3-5 working days."]
    assert flagged("Standard arrives within 5 working days.", sources) == []
    assert flagged("Standard takes at most 5 days.", sources) == []
    assert flagged("Standard takes up to about 5 days.", sources) == []
    assert flagged("Standard takes 5 working days.", sources) == ["5 working days"]
    assert flagged("Standard takes within 3 working days.", sources) == ["3 working days"]


def test_a_source_without_the_unit_supports_the_range():
    assert (
        flagged("5-8 working days in the EEA", ["3-5 working days in the UK, 5-8 in the EEA"]) == []
    )


def test_working_days_may_be_dropped_but_not_added():
    assert flagged("Refunds take 5 days.", ["Refunds take 5 working days."]) == []
    assert flagged("Refunds take 5 working days.", ["Refunds take 5 days."]) == ["5 working days"]


def test_implied_values_in_sources():
    assert flagged("It arrives in 1 working day.", ["It arrives the next working day."]) == []
    assert flagged("The fee is charged every 1 month.", ["A monthly fee."]) == []
    assert flagged("Two weeks.", ["Within a fortnight."]) == []
    assert flagged("It takes 30 minutes.", ["It takes half an hour."]) == []
    assert flagged("Open until 12pm.", ["Open until noon."]) == []
    assert flagged("Call within 24 hours.", ["Call within a day."]) == []


def test_conversation_supports_the_customers_own_facts():
    said = "My order #48213 cost £89.50 and arrived on March 3rd; call me on 07700 900123."
    reply = (
        "Thanks! Order #48213 (£89.50) arrived on 3 March, so you can still return it within "
        "30 days. We'll call you on +44 7700 900123."
    )
    assert flagged(reply, [*DEMO, said]) == []
    assert flagged(reply, DEMO) == ["48213", "£89.50", "3 March", "+44 7700 900123"]


def test_a_figure_from_another_topic_is_not_support():
    # the demo FAQs say "2-year warranty" and "1-2 working days", about other things
    assert flagged("Re-proof the flysheet every 2 years.") == ["2 years"]
    assert flagged("Leave about 1 cm at the toe when you measure your foot.") == ["1"]
    assert flagged("Our warranty lasts 2 years.") == []
    assert unsupported_facts("Re-proof the flysheet every 2 years.", DEMO, context=False) == []


CARDS = [
    "Can I get an additional card?\nYou can have up to 3 physical cards on your account at "
    "once, plus up to 5 virtual cards. An extra physical card costs £5 (€6) with standard "
    "delivery.",
    "Changing your card PIN\nGo to Cards > Manage > Change PIN, confirm with your passcode "
    "and choose a new 4-digit PIN.",
    "How long does card delivery take?\nStandard delivery is free and takes 3-5 working days "
    "in the UK or 5-8 working days elsewhere in the EEA.",
]

ORDERING = [
    *CARDS,
    "How do I order a physical card?\nYour first physical card is free with standard delivery "
    "(3-5 working days in the UK); express costs £7 (€8).",
]


@pytest.mark.parametrize(
    ("reply", "sources", "expected"),
    [
        # the clause is closer to another figure of the same kind than to the value's own
        ("Express delivery costs $50 and takes 1-2 working days.", DEMO, ["$50"]),
        ("You have two weeks to return unused items.", DEMO, ["two weeks"]),
        ("Damaged items must be reported within 5 days of delivery.", DEMO, ["5 days"]),
        ("Choose a new 6-digit PIN in Cards > Manage > Change PIN.", CARDS, ["6"]),
        ("You can have up to 3 physical and 8 virtual cards.", CARDS, ["8"]),
        (
            "We send the new size within 1-2 working days of the original being scanned.",
            DEMO,
            ["1-2 working days"],
        ),
        # another figure's sentence is closer than everything the value's own figure is
        # about, though not its clause ("it costs £5 (€6)" leaves "standard delivery" out)
        ("An extra physical card costs £7 with standard delivery.", ORDERING, ["£7"]),
        # the same replies with the right figures
        ("Express delivery costs $12 and takes 1-2 working days.", DEMO, []),
        ("You have 30 days to return unused items.", DEMO, []),
        ("Damaged items must be reported within 14 days of delivery.", DEMO, []),
        ("Choose a new 4-digit PIN in Cards > Manage > Change PIN.", CARDS, []),
        ("You can have up to 3 physical and 5 virtual cards.", CARDS, []),
        ("An extra physical card costs £5 with standard delivery.", ORDERING, []),
        ("Express delivery of a physical card costs £7.", ORDERING, []),
    ],
)
def test_a_figure_closer_to_another_of_its_kind_is_not_support(reply, sources, expected):
    assert flagged(reply, sources) == expected


@pytest.mark.parametrize(
    "reply",
    [
        # two figures in one sentence: each clause (cut before "and") keeps its own topic
        "Express delivery is 12 USD and standard delivery is free above 50 USD.",
        "It's $12 for Express, and standard is free over $50.",
        # the clause shares no word with any figure: the whole FAQ decides, as before
        "You'll get your money back within 5 working days of the parcel reaching us.",
        "Shipping to Mexico or Canada takes between 7 and 12 working days.",
        # closer to another figure in its clause, but not in its sentence
        "Express shipping costs $12 and takes 1-2 working days, so if you order today it "
        "should arrive within 2 working days.",
    ],
)
def test_paraphrases_keep_their_topic(reply):
    assert flagged(reply) == []


def test_the_faq_question_and_the_sentence_before_are_what_a_figure_is_about():
    sources = ["Do you ship internationally?\nWe ship to Canada and Mexico. It takes 7-12 days."]
    # "ship" is in the question and the sentence before, not in the figure's sentence
    assert flagged("We ship abroad in 7-12 days.", [*sources, "Shipping is 3-5 days."]) == []


def test_the_conversation_supports_by_value_alone():
    said = "I paid £40 for the boots last week"
    reply = "Your £40 will be refunded within 5 working days of the parcel reaching us."
    assert unsupported_facts(reply, DEMO, conversation=[said]) == []
    # among the FAQs it would need a shared word: "refunded ... parcel" vs "paid ... boots"
    assert flagged(reply, [*DEMO, said]) == ["£40"]


def test_dates_and_times():
    sources = ["Our sale ends on 2026-03-01 at 17:00; stores open at 9am."]
    for reply in (
        "The sale ends 1 March.",
        "The sale ends March 1st, 2026.",
        "The sale ends on the 1st of March.",
        "The sale ends 01/03/2026 at 5pm.",
        "Stores open at 9:00 and the sale ends at 5 p.m.",
        "Stores open at 09:00.",
    ):
        assert flagged(reply, sources) == [], reply
    assert flagged("The sale ends 2 March.", sources) == ["2 March"]
    assert flagged("The sale ends 1 March 2027.", sources) == ["1 March 2027"]
    assert flagged("Stores open at 8am.", sources) == ["8am"]
    assert flagged("Closes at 18:00.", sources) == ["18:00"]


# --- unsupported: changed facts are caught --------------------------------------------


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Express shipping costs $15.", ["$15"]),
        ("Express shipping costs 15 dollars.", ["15 dollars"]),
        ("Express shipping costs £12.", ["£12"]),
        ("Shipping to Canada is free over CA$50.", ["CA$50"]),
        ("Express shipping costs $12.50.", ["$12.50"]),
        ("Returns are accepted within 60 days.", ["60 days"]),
        ("Returns are accepted within sixty days.", ["sixty days"]),
        ("Returns are accepted within 30 weeks.", ["30 weeks"]),
        ("Every product has a 5-year warranty.", ["5-year"]),
        ("Standard takes 3-6 working days.", ["3-6 working days"]),
        ("Standard takes 2 to 5 working days.", ["2 to 5 working days"]),
        ("Express takes 1-3 business days.", ["1-3 business days"]),
        ("You get 10% off your next order.", ["10%"]),
        ("You get ten percent off your next order.", ["ten percent"]),
        ("Email returns@trailhead.example for help.", ["returns@trailhead.example"]),
        ("See www.trailhead.example/returns.", ["www.trailhead.example/returns"]),
        ("Call 1-800-555-0199.", ["1-800-555-0199"]),
        ("Our tents have a 5000 mm flysheet.", ["5000"]),
        ("The sale ends on 31 August.", ["31 August"]),
        ("We ship within 24 hours.", ["24 hours"]),
        ("Gift cards from $25 to $500.", ["$500"]),
    ],
)
def test_unsupported_demo_facts(reply, expected):
    assert flagged(reply) == expected


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Call +44 20 7946 0322.", ["+44 20 7946 0322"]),
        ("Call 020 7946 0999.", ["020 7946 0999"]),
        ("Call +1 20 7946 0321.", []),  # the digits after a country code are the same
        ("See northwindbank.example/fees.", ["northwindbank.example/fees"]),
        ("See help.northwindbank.example.", ["help.northwindbank.example"]),
        ("Email help@northwindbank.example.", ["help@northwindbank.example"]),
        ("A replacement costs $5.", ["$5"]),
        ("A replacement costs €5.", ["€5"]),
        ("Above £1,000 we add 0.75%.", ["0.75%"]),
        ("Above £1,500 we add 0.5%.", ["£1,500"]),
        ("A 2% markup applies at weekends.", ["2%"]),
        ("The markup applies from Friday 6pm.", ["6pm"]),
        ("Junior accounts are for ages 8-17.", ["8-17"]),
        ("Disputes within 90 days.", ["90 days"]),
        ("Disputes within 120 days (about 4 months).", ["4 months"]),  # not stated anywhere
    ],
)
def test_unsupported_northwind_facts(reply, expected):
    assert flagged(reply, NORTHWIND) == expected


def test_a_changed_range_is_not_supported_by_its_ends_apart():
    sources = ["Standard takes 3 days; express 5 days."]
    assert flagged("Delivery takes 3-5 days.", sources) == ["3-5 days"]


def test_only_unsupported_facts_are_returned_in_order():
    reply = "Express is $12 (not $15), 1-2 working days, or call 555-0199-123 / 030 1234 5678."
    facts = unsupported_facts(reply, DEMO)
    assert [f.text for f in facts] == ["$15", "555-0199-123", "030 1234 5678"]
    assert [f.kind for f in facts] == ["money", "phone", "phone"]
    assert all(reply[f.start : f.end] == f.text for f in facts)


# --- the benchmark's data -----------------------------------------------------------------


def test_benchmark_data_is_built_from_the_cases():
    from bench.facts.build import OUT, rows

    lines = OUT.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows()


def test_no_supported_reply_of_the_benchmark_is_flagged():
    """The goal allows 0.02 of supported replies flagged; the checker flags none of the
    benchmark's 301, and a change that flags one should be looked at."""
    from bench.facts.run import checker, load_cases

    cases = [case for case in load_cases() if not case.expected]
    assert len(cases) > 150
    flagged_cases = [c.id for c in cases if checker(c.reply, c.sources, c.conversation)]
    assert flagged_cases == []


# --- hostile input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "1-" * 50_000,
        "1 " * 50_000,
        "$" * 50_000 + "1",
        "a." * 50_000,
        "between " * 12_000 + "3",
        ("12:00 " + " " * 50) * 1_500,
        "9" * 50_000 + "@" + "a" * 50_000 + ".com",
        "thirty " * 15_000,
        "two hundred and " * 8_000 + "days",
        "(" * 30_000 + "1" * 30_000,
    ],
)
def test_hostile_input_returns(text):
    found = unsupported_facts(text, [text[:1000], "12"])
    assert isinstance(found, list)
    assert all(text[f.start : f.end] == f.text for f in found)


def test_huge_numbers_are_compared_as_written():
    digits = "7" * 5000
    assert flagged(f"Your reference is {digits}.", [f"Reference {digits}"]) == []
    assert len(flagged(f"Your reference is {digits}8.", [f"Reference {digits}"])) == 1
