"""Hand-written assistant replies for the fact-check benchmark (issue 19).

Each case is a reply as a model might write it from the FAQs in its prompt, with the
facts in it that no source supports (empty for a fully supported reply). `build.py` turns
them into `bench/data/facts/cases.jsonl`, with the FAQ questions that were in the prompt.

- `demo(...)`: the demo shop; every demo FAQ is in the prompt (10 FAQs: the app injects
  them all, below `FAQ_INJECT_ALL`).
- `nw(ids, ...)`: Northwind Bank; the prompt holds the FAQs the reply draws on (`ids`)
  and every other FAQ of their categories, as a selection would (5-17 FAQs).
- `said`: the conversation's earlier messages (the customer's, and the assistant's when
  given), which are sources too.

Labels follow the issue's rule literally: a fact is unsupported when neither an FAQ in
the prompt nor an earlier message states it, even if it is true arithmetic ("20 days
left" from "10 days ago" and "within 30 days") or the model's own reasonable wording.

Five batches by the checker's author, each written in full before its first run: TUNE
(used while building the checker), HELDOUT, FRESH, BLIND (written after the
sentence-topic design) and BLIND2 (written before the clause rule for same-topic figures;
never edited after its first run). Three more, by other authors who never saw the
checker, are in `blind3.py` to `blind5.py`. docs/benchmarks.md, "Fact check", gives each
batch's first-run figures and which checker ran.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    kb: str  # "demo" or "northwind"
    faqs: tuple[int, ...]  # Northwind: the FAQs the reply draws on; demo: () = all
    reply: str
    unsupported: tuple[str, ...] = ()  # as written in the reply
    said: tuple[str, ...] = ()  # earlier messages of the conversation
    note: str = ""


def demo(reply: str, *unsupported: str, said: tuple[str, ...] = (), note: str = "") -> Case:
    return Case("demo", (), reply, unsupported, said, note)


def nw(
    faqs: tuple[int, ...] | int,
    reply: str,
    *unsupported: str,
    said: tuple[str, ...] = (),
    note: str = "",
) -> Case:
    ids = (faqs,) if isinstance(faqs, int) else faqs
    return Case("northwind", ids, reply, unsupported, said, note)


TUNE: list[Case] = [
    # --- demo shop ---------------------------------------------------------------------
    demo(
        "Hi! You can return unused items within **30 days** of delivery [FAQ 1]. Just go to "
        "**Orders > Return an item**, print the prepaid label and drop the parcel at any post "
        "office. Once we receive it, your refund goes back to your original payment method "
        "within 5 working days [FAQ 1]."
    ),
    demo(
        "Standard shipping usually takes 3 to 5 business days and it's free on orders over "
        "fifty dollars. If you're in a hurry, Express arrives in 1–2 working days for $12.00."
    ),
    demo(
        "Express shipping costs $15 and gets to you in 1-2 working days. Standard shipping "
        "(3-5 working days) is free on orders over $50.",
        "$15",
    ),
    demo(
        "You have 60 days from delivery to send back unused items. Start from **Orders > "
        "Return an item** and we'll refund you within 5 working days of receiving it.",
        "60 days",
    ),
    demo(
        "Here's how to return something:\n\n1. Go to **Orders > Return an item**.\n2. Print "
        "the prepaid label.\n3. Drop the parcel at any post office.\n\nYou have thirty days "
        "from delivery, and the refund arrives within five working days after we get it back."
    ),
    demo(
        "Sorry your tent arrived damaged! Please send a photo through **Orders > Report a "
        "problem** within 14 days, or email it to returns@trailheadgear.com, and we'll send a "
        "replacement or a full refund, shipping included.",
        "returns@trailheadgear.com",
    ),
    demo(
        "Every product comes with a two-year warranty against manufacturing defects, and our "
        "own Trailhead backpacks and tents are covered for life."
    ),
    demo(
        "All our products carry a 3-year warranty against manufacturing defects; Trailhead "
        "tents and backpacks are covered for life.",
        "3-year",
    ),
    demo(
        "Yes, we ship to Canada and Mexico! International orders take about 7–12 working days "
        "to arrive, and any duties and taxes are shown at checkout."
    ),
    demo(
        "We ship to Canada and Mexico. Delivery usually takes 5-10 working days and there's a "
        "flat $20 international shipping fee.",
        "5-10 working days",
        "$20",
    ),
    demo(
        "We do! Digital gift cards range from $25 up to $250. They're emailed instantly and "
        "never expire."
    ),
    demo(
        "Yes, digital gift cards are available from $10 to $500, delivered instantly by email.",
        "$10",
        "$500",
    ),
    demo(
        "Yes! Order #48213 was delivered on 6 March, so you're within the 30-day return "
        "window. Start the return from **Orders > Return an item**.",
        said=(
            "I ordered a tent on 2 March and it arrived on 6 March, order #48213. Can I still "
            "return it?",
        ),
    ),
    demo(
        "Since your boots arrived 10 days ago, you have 20 days left to return them, as "
        "returns are accepted within 30 days of delivery.",
        "20 days",
        said=("My boots arrived 10 days ago, how long do I have left to return them?",),
        note="derived arithmetic: true, but stated by no source",
    ),
    demo(
        "Our tents have a 3000 mm waterproof flysheet and taped seams, and they're tested in "
        "heavy rain. We'd recommend re-proofing the flysheet every couple of seasons."
    ),
    demo("Yes, all our tents use a 5000 mm waterproof flysheet with taped seams.", "5000"),
    demo(
        "You can track your order with the link we email when it ships, or at "
        "www.trailheadgear.com/track.",
        "www.trailheadgear.com/track",
    ),
    demo(
        "If you'd rather talk to someone, call us on 1-800-555-0199, Monday to Friday.",
        "1-800-555-0199",
    ),
    demo(
        "Absolutely! When you start the return, choose **Exchange** instead of Refund and pick "
        "the new size. We'll ship it as soon as the original is scanned at the post office."
    ),
    demo(
        "Measure your foot in the afternoon and check the size chart on the product page. "
        "Leave about a thumb's width at the toe, and if you're between sizes, go up half a size."
    ),
    demo(
        "Express delivery costs $50 and takes 1-2 working days.",
        "$50",
        note="the invented price is another figure of the same FAQ (the free-shipping threshold)",
    ),
    demo(
        "Good news: returns are free, and we give you 10% off your next order as a thank-you.",
        "10%",
    ),
    demo(
        "Refunds usually land within a week of us receiving the parcel.",
        "a week",
        note="a duration without a number ('a week') is not extracted from a reply",
    ),
    demo(
        "Hi there! 👋 I'm here 24/7 to help. Standard shipping takes 3-5 working days [FAQ 4]; "
        "if you need it sooner, Express takes 1-2 working days and costs $12 [FAQ 4]."
    ),
    demo(
        "Our summer sale ends on 31 August, and all orders placed before then ship free.",
        "31 August",
    ),
    # --- Northwind Bank ----------------------------------------------------------------
    nw(
        8,
        "Every card is dispatched within 1 working day. Standard delivery is free and takes "
        "3–5 working days in the UK (5–8 elsewhere in the EEA). Express costs £7 (€8) and "
        "arrives in 1–2 working days in the UK or 2–3 in the rest of the EEA.",
    ),
    nw(
        8,
        "Express delivery is £9.99 and gets your card to you within 1-2 working days in the UK.",
        "£9.99",
    ),
    nw(
        (12, 42),
        "If you can't get into the app, call our 24/7 emergency line on 020 7946 0321 and "
        "we'll freeze your cards.",
    ),
    nw(
        12,
        "Call our card emergency line on +44 20 7946 0312 any time, day or night.",
        "+44 20 7946 0312",
    ),
    nw(
        39,
        "Use the help form at https://northwindbank.example/help if you no longer have your "
        "registered phone or email.",
    ),
    nw(
        39,
        "You can reset it from northwindbank.example/reset-passcode.",
        "northwindbank.example/reset-passcode",
    ),
    nw(
        39,
        "If you've lost access to both, email us at support@northwindbank.example and we'll "
        "help you reset it.",
        "support@northwindbank.example",
    ),
    nw(
        73,
        "You can withdraw up to £200 (€230) each calendar month without Northwind fees. After "
        "that it's 2% per withdrawal, minimum £1 (€1.20).",
    ),
    nw(73, "After your free £200 a month, we charge 3% of each withdrawal, minimum £1.", "3%"),
    nw(
        70,
        "Exchanges are free up to £1,000 a month; above that there's a 0.5% fair-usage fee. At "
        "weekends (from 10pm Friday to 10pm Sunday UK time) we add a 1% markup.",
    ),
    nw(
        70,
        "Above the £1,000 monthly allowance we add 0.75%, and a 1% markup applies from Friday "
        "6pm to Sunday 22:00.",
        "0.75%",
        "6pm",
    ),
    nw(
        13,
        "You need to be 18 years old or over to open your own account. Children aged 7-17 can "
        "have a Junior account opened by a parent or guardian.",
    ),
    nw(
        13,
        "You must be 16 or over to open an account; younger children can have a Junior account.",
        "16",
    ),
    nw(
        43,
        "You can raise a chargeback within 120 days of the payment. Most disputes are resolved "
        "within 30 days, though complex cases can take up to 90 days.",
    ),
    nw(
        43,
        "Disputes must be raised within 60 days of the payment date and are usually resolved "
        "within 2 weeks.",
        "60 days",
        "2 weeks",
    ),
    nw(
        19,
        "Here are the limits:\n\n- Card top-ups: from £10 to £5,000 each\n- Up to £10,000 in "
        "any rolling 30 days\n- Cash at the Post Office: up to £1,000 a day\n- Cheques: up to "
        "£5,000 each\n\nBank transfers aren't limited.",
    ),
    nw(
        19,
        "Each card top-up can be between £10 and £2,500, with up to £10,000 per rolling 30 days.",
        "£2,500",
    ),
    nw(
        52,
        "Transfers between Northwind customers are instant. Faster Payments usually arrive "
        "within minutes (2 hours at most), SEPA arrives the next working day if sent before 3pm "
        "UK time, and SWIFT takes 1–5 working days.",
    ),
    nw(
        52,
        "SWIFT transfers take 3-7 working days, and standard SEPA arrives the next working day "
        "if sent before 4pm.",
        "3-7 working days",
        "4pm",
    ),
    nw(
        56,
        "International SWIFT transfers cost a flat £3 (€3.50). Transfers to other Northwind "
        "customers and Faster Payments are free.",
    ),
    nw(56, "SWIFT transfers cost a flat fee of $3, or €3.50 in euros.", "$3"),
    nw(
        (24, 61),
        "You can have up to 3 physical cards and up to 5 virtual cards at once. Virtual cards "
        "are free, created instantly and valid for 5 years.",
    ),
    nw(
        24,
        "Virtual cards are free and you can hold up to 10 of them at once, each valid for 3 years.",
        "10",
        "3 years",
    ),
    nw(
        60,
        "We'll place a temporary charge of under £2 on your card with a 6-character code in the "
        "description. Enter it in Home > Add money > Card > Verify card within 7 days; the "
        "charge is released within 5 working days.",
    ),
    nw(60, "Until your card is verified, top-ups from it are limited to £500.", "£500"),
    nw(
        (30, 31),
        "Most checks are done within 10 minutes. If yours goes to manual review it can take up "
        "to 48 hours — that's 2 days at most.",
    ),
    nw(
        31,
        "Manual reviews can take up to 72 hours, and after 5 failed attempts your case goes to "
        "our team.",
        "72 hours",
        "5",
    ),
    nw(
        50,
        "I can see why that's worrying. The second £4.99 entry on 12 May is probably a "
        "temporary authorisation: the pending duplicate is released automatically within 7 "
        "days, or up to 30 days for hotels and car hire.",
        said=("I was charged £4.99 twice at a hotel on 12 May",),
    ),
    nw(50, "Hotel authorisations are released within 14 days.", "14 days"),
    nw(
        77,
        "You can open an account if you live in the UK or any of the 30 EEA countries, which "
        "are the 27 EU states plus Iceland, Liechtenstein and Norway.",
    ),
    nw(
        7,
        "You can hold and exchange 24 currencies, including GBP, EUR, USD, CHF and JPY. Holding "
        "a currency balance is free.",
    ),
    nw(7, "We support 30 currencies, including GBP, EUR and USD.", "30"),
    nw(
        71,
        "Top-ups with UK or EEA debit cards are free. UK/EEA credit cards cost 1 percent, and "
        "cards issued elsewhere, like a US card, cost 2.5 per cent.",
    ),
    nw(
        27,
        "Cash paid in at a Post Office usually shows within 15 minutes. Cheques are available "
        "by 11:59pm on the next working day.",
    ),
    nw(27, "Cheques are usually available within 3 working days.", "3 working days"),
    nw(
        22,
        "Faster Payments usually arrive within minutes. If your £250 transfer shows as "
        "'Completed' and still hasn't arrived after 2 working days, contact us in Profile > "
        "Help > Chat with us and we'll start a trace.",
        said=(
            "I sent £250 to my landlord on Monday with Faster Payments and it still hasn't arrived",
        ),
    ),
    nw(
        14,
        "Your PIN gets blocked after three wrong attempts in a row. To unblock it, go to "
        "Cards > Manage > Unblock PIN and confirm with your passcode or biometrics.",
    ),
    nw(
        54,
        "Choose a new 6-digit PIN in Cards > Manage > Change PIN.",
        "6-digit",
        note="6 is another figure in the same category (a £5 (€6) card)",
    ),
]

HELDOUT: list[Case] = [
    # --- demo shop ---------------------------------------------------------------------
    demo(
        "Great question! Standard shipping takes **3–5 working days** and is free on orders "
        "over $50. Express shipping takes **1–2 working days** and costs $12. [FAQ 4]"
    ),
    demo(
        "Yes — you can send back unused items within 30 days of delivery. Here's how:\n\n"
        "1. Go to **Orders > Return an item**\n2. Print the prepaid label\n3. Drop the parcel "
        "at any post office\n\nWe'll refund your original payment method within 5 working days "
        "of receiving it."
    ),
    demo(
        "You can return unused items within 45 days of delivery. Print the prepaid label from "
        "**Orders > Return an item** and drop it at any post office.",
        "45 days",
    ),
    demo(
        "Refunds go back to your original payment method within 10 working days of us "
        "receiving the item.",
        "10 working days",
    ),
    demo(
        "Sorry to hear that! Please send us a photo through **Orders > Report a problem** "
        "within 14 days of delivery, and we'll send a replacement or give you a full refund, "
        "including shipping."
    ),
    demo(
        "Please report the damage within 7 days via **Orders > Report a problem** and we'll "
        "replace it or refund you in full.",
        "7 days",
        note="7 starts another FAQ's range (7-12 working days)",
    ),
    demo(
        "We currently ship to Canada and Mexico. International delivery takes 7 to 12 working "
        "days, and you'll see any duties and taxes at checkout."
    ),
    demo(
        "International delivery to Canada and Mexico takes 10-15 working days.",
        "10-15 working days",
    ),
    demo(
        "Our digital gift cards come in amounts from $25 to $250. They're delivered by email "
        "instantly and they never expire. 🎁"
    ),
    demo(
        "Gift cards are available from $25 to $250 and are valid for 12 months from purchase.",
        "12 months",
    ),
    demo(
        "Every product is covered by a 2-year warranty against manufacturing defects. If it's "
        "a backpack or tent from our own Trailhead range, it's covered for life!"
    ),
    demo(
        "Our warranty covers manufacturing defects for 24 months, and Trailhead products for "
        "10 years.",
        "10 years",
    ),
    demo(
        "All our tents have a 3000 mm waterproof flysheet with taped seams and are tested in "
        "heavy rain. Re-proof the flysheet every couple of seasons to keep them waterproof."
    ),
    demo(
        "Yes! Our tents are rated to 3000 mm and come with a 100% waterproof guarantee.",
        "100%",
    ),
    demo(
        "Thanks for the details! For order 77812 you can return unused boots within 30 days of "
        "delivery, and we'll refund the $189.99 to your original payment method within 5 "
        "working days of receiving them.",
        said=("Hi, I ordered 2 pairs of boots (order 77812) for $189.99 on 14 June",),
    ),
    demo(
        "For order 77812, we'll refund $199.99 within 5 working days of receiving the boots.",
        "$199.99",
        said=("Hi, I ordered 2 pairs of boots (order 77812) for $189.99 on 14 June",),
    ),
    demo(
        "To pick the right size, measure your foot in the afternoon and use the size chart on "
        "the product page. Leave a thumb's width at the toe. Between sizes? Go up half a size."
    ),
    demo(
        "Measure your foot in the afternoon and leave about 1 cm at the toe. If you're between "
        "sizes, go up half a size.",
        "1 cm",
        note="a plain number is supported by the same value anywhere in the sources",
    ),
    demo(
        "As soon as your order ships, we email you a tracking link. You can also find it under "
        "**Orders** in your account."
    ),
    demo(
        "Once your order ships you'll get a tracking link by email, usually within 24 hours of "
        "ordering.",
        "24 hours",
    ),
    demo(
        "You'll get a tracking link from tracking@trailhead-outdoors.com as soon as it ships.",
        "tracking@trailhead-outdoors.com",
    ),
    demo(
        "Yes! When you start your return, choose **Exchange** instead of Refund and pick the "
        "new size. We ship the replacement as soon as the original is scanned at the post "
        "office — no need to wait for it to reach us."
    ),
    demo(
        "Exchanges are free, and we ship the new size within 2 working days of the original "
        "being scanned.",
        "2 working days",
        note="2 working days is the top of another FAQ's range (Express, 1-2 working days)",
    ),
    demo(
        "Standard shipping is free on orders over fifty dollars and takes three to five "
        "working days. Express costs twelve dollars and takes one to two working days."
    ),
    demo("Orders over $75 ship free with Standard shipping (3-5 working days).", "$75"),
    demo(
        "Sure! Here's a quick summary:\n\n- **Returns:** 30 days from delivery\n- **Refunds:** "
        "within 5 working days of receiving your return\n- **Damaged items:** report within 14 "
        "days\n\nAnything else I can help with?"
    ),
    demo(
        "Here's a quick summary:\n\n- **Returns:** 30 days from delivery\n- **Refunds:** within "
        "3 working days\n- **Damaged items:** report within 14 days",
        "3 working days",
    ),
    demo(
        "Hi! 😊 We're happy to help. Express shipping costs $12 and takes 1-2 working days, so "
        "if you order today it should arrive within 2 working days."
    ),
    demo(
        "For urgent questions, our customer service team is available on (555) 014-2398 from "
        "9am to 5pm.",
        "(555) 014-2398",
        "9am",
        "5pm",
    ),
    demo(
        "You can find our full returns policy at https://trailhead.example/returns-policy.",
        "https://trailhead.example/returns-policy",
    ),
    demo(
        "Since your order is $45, it's under the $50 threshold, so standard shipping won't be "
        "free. Express shipping is $12 if you'd like it faster.",
        said=(
            "How long does standard shipping take?",
            "Standard shipping takes 3-5 working days and is free on orders over $50.",
            "And if my order is $45?",
        ),
    ),
    demo(
        "With Express shipping at $12, your total would be $57.",
        "$57",
        said=("My order comes to $45. How much would it be with express?",),
        note="derived arithmetic: true, but stated by no source",
    ),
    demo(
        "I'm sorry about the zip! Since it arrived on May 2nd, you have 14 days from then to "
        "report it. Send us a photo through **Orders > Report a problem** and we'll send a "
        "replacement or a full refund.",
        said=("I received my jacket on 2 May but the zip is broken",),
    ),
    demo(
        "Since it arrived on 2 May, please report it by 9 May through **Orders > Report a "
        "problem**.",
        "9 May",
        said=("I received my jacket on 2 May but the zip is broken",),
        note="derived date: true, but stated by no source",
    ),
    demo(
        "Unfortunately we only ship to Canada and Mexico for now. Delivery there takes seven "
        "to twelve working days."
    ),
    demo("Yes! Sign up to our newsletter and get 15% off your first order.", "15%"),
    demo(
        "I'm sorry, I don't have an answer to that in our help articles. Would you like me to "
        "put you in touch with a person?"
    ),
    demo(
        "Re-proof the flysheet every couple of seasons and it will stay waterproof. The 3000 "
        "mm flysheet and taped seams are tested in heavy rain."
    ),
    demo(
        "Re-proof the flysheet every 2 years to keep it waterproof.",
        "2 years",
        note="2 years is another FAQ's figure (the 2-year warranty)",
    ),
    demo(
        "| Option | Time | Cost |\n|---|---|---|\n| Standard | 3-5 working days | Free over $50 "
        "|\n| Express | 1-2 working days | $12 |"
    ),
    demo(
        "| Option | Time | Cost |\n|---|---|---|\n| Standard | 3-5 working days | $5.99 |\n| "
        "Express | 1-2 working days | $12 |",
        "$5.99",
    ),
    demo("Express delivery is 12 USD and standard delivery is free above 50 USD."),
    demo(
        "Express delivery is £12 and standard delivery is free above £50.",
        "£12",
        "£50",
    ),
    demo(
        "You're covered by our thirty-day return window — just start it from **Orders > "
        "Return an item**."
    ),
    demo(
        "You have two weeks to return unused items.",
        "two weeks",
        note="two weeks = 14 days, another FAQ's figure (damaged items)",
    ),
    demo("Gift cards never expire, so there's no rush! They range from $25 to $250."),
    demo(
        "Gift cards never expire and can be bought in any amount from $5 to $250.",
        "$5",
    ),
    demo(
        "No problem! You can return the 3 unused items from order #A-2291 within 30 days of "
        "delivery. Start from **Orders > Return an item** and print the prepaid label.",
        said=("I want to return 3 of the 5 items from order #A-2291",),
    ),
    demo(
        "We ship to Canada and Mexico; for Mexican orders call +52 55 1234 5678.",
        "+52 55 1234 5678",
    ),
    demo(
        "Happy to help! Your first step is to open **Orders > Return an item**. Returns are "
        "accepted for 30 days after delivery."
    ),
    demo("Our support team replies within 2 hours during business hours.", "2 hours"),
    demo("Express: $12.00. Standard: free on orders of more than $50.00."),
    demo(
        "Returns are free within 30 days; after that there's a $7.95 return fee.",
        "$7.95",
    ),
    demo(
        "Once your parcel reaches us, the refund takes up to 5 business days to show on your "
        "original payment method."
    ),
    demo(
        "Refunds take 2-3 business days once we receive your parcel.",
        "2-3 business days",
    ),
    # --- Northwind Bank ----------------------------------------------------------------
    nw(
        1,
        "Cards are dispatched within 1 working day. If nothing has arrived after 10 working "
        "days in the UK (15 in the EEA), tap 'Card not arrived' in Cards > Manage > Track "
        "delivery and we'll send a new one free of charge.",
    ),
    nw(
        1,
        "If your card hasn't arrived after 7 working days, tap 'Card not arrived' and we'll "
        "send a new one.",
        "7 working days",
    ),
    nw(
        2,
        "Go to Cards > Add card > Link existing card and enter the 16-digit card number and "
        "the expiry date.",
    ),
    nw(
        3,
        "We use the interbank rate, live while markets are open from Sunday 10pm to Friday "
        "10pm UK time. Exchanges are fee-free up to €1,150 a month; above that we add 0.5%.",
    ),
    nw(3, "The markets are open from Sunday 22:00 to Friday 23:00 UK time.", "23:00"),
    nw(
        4,
        "If the terminal offered to charge you in pounds and you accepted, the merchant's bank "
        "set the rate. We add a 1% markup at weekends.",
    ),
    nw(
        5,
        "That's probably a temporary £1 authorisation from a merchant checking your card. It's "
        "released automatically within 7 days.",
    ),
    nw(5, "That small charge is usually a £2 authorisation, released within 7 days.", "£2"),
    nw(
        6,
        "ATM withdrawals stay pending until the operator confirms them, usually 1–3 working "
        "days. If the ATM gave you no cash, the amount is normally released within 7 days.",
    ),
    nw(
        6,
        "It usually takes 2-4 working days for the ATM operator to confirm a withdrawal.",
        "2-4 working days",
    ),
    nw(
        7,
        "You can hold these 24 currencies:\n\nGBP, EUR, USD, CHF, CAD, AUD, NZD, JPY, SGD, HKD, "
        "PLN, CZK, HUF, RON, SEK, NOK, DKK, ISK, TRY, ZAR, MXN, ILS, AED and THB.\n\nAdding a "
        "currency balance is free.",
    ),
    nw(
        7,
        "You can hold 24 currencies, and each extra currency balance costs £1 a month.",
        "£1",
    ),
    nw(
        8,
        "Express delivery costs £7 (€8) and arrives within 1-2 working days in the UK or 2-3 "
        "working days in the rest of the EEA.",
    ),
    nw(
        8,
        "Express delivery costs £7 and takes 1-2 working days, or 3-4 working days in the EEA.",
        "3-4 working days",
    ),
    nw(
        9,
        "Turn on Auto top-up in Home > Add money > Auto top-up. Set a trigger balance, for "
        "example £20, and an amount between £10 and £1,000 (€10 to €1,150).",
    ),
    nw(9, "Auto top-up amounts can be anything from £5 to £1,000.", "£5"),
    nw(
        10,
        "First check Cards > Manage: the card might be frozen or not activated yet. If the "
        "chip is damaged, you can order a free replacement in Cards > Manage > Replace card > "
        "Damaged card.",
    ),
    nw(
        11,
        "Open Exchange, pick the currencies, enter the amount and confirm. It's instant, and "
        "fee-free up to £1,000 per calendar month.",
    ),
    nw(
        12,
        "Freeze the card in Cards > Manage > Freeze card straight away. If you're sure it's "
        "gone, report it lost or stolen; a replacement costs £5 (€6) with standard delivery. "
        "Can't get into the app? Call +44 (0)20 7946 0321, 24/7.",
    ),
    nw(
        12,
        "Report it lost in the app; a replacement card costs £10 with standard delivery.",
        "£10",
    ),
    nw(
        13,
        "Children aged 7 to 17 can have a Junior account, opened by a parent or guardian with "
        "a Northwind account. At 18 they can move to a full account.",
    ),
    nw(
        13,
        "Junior accounts are for children aged 6 to 17, and they cost £2.99 a month.",
        "6 to 17",
        "£2.99",
    ),
    nw(
        14,
        "Your PIN is blocked after 3 incorrect attempts in a row. Unblock it in Cards > Manage "
        "> Unblock PIN.",
    ),
    nw(
        14,
        "Your PIN is blocked after 5 incorrect attempts, and it unblocks itself after 24 hours.",
        "5",
        "24 hours",
        note="5 and 24 hours are other figures of the same category (cards)",
    ),
    nw(
        15,
        "Contactless starts working after your first chip and PIN payment. The UK limit is £100 "
        "per payment, and terminals ask for your PIN after 5 contactless payments in a row or "
        "£300 in total.",
    ),
    nw(15, "The UK contactless limit is £45 per payment.", "£45"),
    nw(
        16,
        "No, top-ups by bank transfer are always free — Faster Payments, SEPA, SEPA Instant or "
        "SWIFT.",
    ),
    nw(
        17,
        "Card top-ups are usually instant, but some are held for checks for up to 2 hours, or "
        "up to 24 hours for a new card's first top-up. Faster Payments take minutes (2 hours "
        "at most) and SWIFT 1–5 working days.",
    ),
    nw(17, "A first top-up from a new card can be held for up to 48 hours.", "48 hours"),
    nw(
        18,
        "Scheduled transfers can be cancelled in Payments > Scheduled until 11:59pm UK time the "
        "day before they're due.",
    ),
    nw(18, "You can cancel a scheduled transfer until 6pm the day before it's due.", "6pm"),
    nw(
        19,
        "Each card top-up must be at least £10 and at most £5,000, with a combined limit of "
        "£10,000 in any rolling 30 days.",
    ),
    nw(
        19,
        "There's a combined card top-up limit of £15,000 in any rolling 30 days.",
        "£15,000",
    ),
    nw(
        20,
        "Keep the receipt. Often the operator corrects it while it's still pending, which can "
        "take up to 7 days. If not, report it; most claims are resolved within 30 days, and "
        "complex ones abroad can take up to 90.",
    ),
    nw(20, "Most claims are resolved within 10 working days.", "10 working days"),
    nw(
        21,
        "Card payments are free in any currency. A fee only applies above your £1,000 (€1,150) "
        "monthly exchange allowance (0.5%), at weekends (a 1% markup), or for cash-like "
        "transactions.",
    ),
    nw(
        22,
        "If the transfer shows 'Completed', Faster Payments usually arrive within minutes, SEPA "
        "within 1 working day and SWIFT within 1-5 working days. If it still hasn't arrived "
        "after 2 working days (5 for SWIFT), contact us and we'll start a trace.",
    ),
    nw(
        22,
        "If it hasn't arrived after 3 working days, contact us in Profile > Help > Chat with us.",
        "3 working days",
    ),
    nw(
        23,
        "You can top up with Visa or Mastercard debit and credit cards in your own name. We "
        "don't accept American Express, Diners Club, Discover, JCB or UnionPay.",
    ),
    nw(
        24,
        "Once you're verified, go to Cards > Order new card > Virtual card. It's free and "
        "instant, and you can have up to five virtual cards at once.",
    ),
    nw(
        25,
        "Northwind cards are Mastercard debit cards, accepted in more than 200 countries and "
        "territories.",
    ),
    nw(25, "Our Mastercard debit cards work in over 150 countries.", "150"),
    nw(
        26,
        "The money goes back to the card you used, usually within 5-10 working days depending "
        "on your card issuer.",
    ),
    nw(
        26,
        "The reversed amount usually returns to your card within 3-5 working days.",
        "3-5 working days",
    ),
    nw(
        27,
        "Cash at a UK Post Office usually appears within 15 minutes, and always by the end of "
        "the next working day. If a cheque is rejected, we'll tell you within 2 working days.",
    ),
    nw(
        28,
        "We usually refund unauthorised payments by the end of the next working day while we "
        "investigate.",
    ),
    nw(
        29,
        "For a new address you may need to upload a proof of address dated within the last 3 "
        "months.",
    ),
    nw(29, "Upload a proof of address dated within the last 6 months.", "6 months"),
    nw(30, "Verification is usually done within 10 minutes of sending your ID and selfie."),
    nw(
        31,
        "After 3 failed attempts your case goes to our team, who reply within 2 working days.",
    ),
    nw(
        32,
        "We post your PIN separately within 3-5 working days.",
        "3-5 working days",
        note="3-5 working days is another FAQ's figure of the same category (card delivery)",
    ),
    nw(33, "All Northwind cards are Mastercard debit cards; we don't issue Visa."),
    nw(
        34,
        "Go to Home > Add money > Card, enter the amount and approve the 3D Secure check in "
        "your card issuer's app if asked.",
    ),
    nw(
        35,
        "Each disposable card number works for one payment only. You can generate up to 20 new "
        "numbers in 24 hours.",
    ),
    nw(35, "You can generate up to 50 new disposable numbers a day.", "50"),
    nw(
        36,
        "Freeze your card in Cards > Manage > Freeze card, then choose Report compromised card. "
        "The replacement is free.",
    ),
    nw(
        37,
        "You can withdraw up to £500 (€600) a day, and the first £200 (€230) each calendar "
        "month is free of Northwind fees.",
    ),
    nw(
        37,
        "You can withdraw up to £750 a day from any ATM showing the Mastercard logo.",
        "£750",
    ),
    nw(
        38,
        "For SEPA direct debits you can claim a refund within 8 weeks for any reason, or within "
        "13 months if you never authorised it.",
    ),
    nw(
        38,
        "For SEPA direct debits, you can claim a refund within 8 weeks, or within 24 months if "
        "it was unauthorised.",
        "24 months",
    ),
    nw(
        39,
        "Tap 'Forgot passcode?' on the login screen. We'll text a 6-digit code to your "
        "registered phone number and email you a link. Your new 6-digit passcode can't be one "
        "of your last 3.",
    ),
    nw(
        39,
        "If you don't have your phone any more, use the form at "
        "https://northwindbank.example/passcode-help.",
        "https://northwindbank.example/passcode-help",
    ),
    nw(
        40,
        "The daily ATM limit is £500 (€600). Other common reasons are an incorrect PIN, a "
        "frozen card or ATM withdrawals switched off.",
    ),
    nw(
        41,
        "Pending payments usually settle within 1-3 working days. If the merchant never claims "
        "them, the money is released after 7 days (30 days for hotels and car hire).",
    ),
    nw(
        41,
        "If the merchant doesn't claim it, the money is released after 10 days.",
        "10 days",
    ),
    nw(
        42,
        "Log in on another device to sign out your old phone, then freeze your cards. No other "
        "device? Call +44 20 7946 0321 (our 24/7 emergency line).",
    ),
    nw(
        42,
        "No other device? Call our emergency line on 0800 123 4567.",
        "0800 123 4567",
    ),
    nw(
        43,
        "Contact the merchant first. If they refuse, raise a chargeback in Home > Transactions "
        "within 120 days of the payment date. Most disputes are resolved within 30 days.",
    ),
    nw(
        44,
        "Transfers are declined if they'd take you over the daily limit of £25,000 (€30,000). "
        "If you think a security decline is wrong, we'll review it within 1 working day.",
    ),
    nw(44, "The daily transfer limit is £20,000 (€24,000).", "£20,000", "€24,000"),
    nw(
        45,
        "Refunds usually take 5–10 working days to reach you. If more than 15 working days have "
        "passed, ask the merchant for the ARN and send it to us.",
    ),
    nw(
        45,
        "Refunds normally arrive within 3 working days of the merchant processing them.",
        "3 working days",
    ),
    nw(
        46,
        "Tap the declined payment in Home > Transactions to see the reason, such as not enough "
        "money, a frozen card or a 3D Secure request you didn't approve.",
    ),
    nw(
        47,
        "SEPA transfers sent after 3pm UK time, at weekends or on bank holidays go out on the "
        "next working day.",
    ),
    nw(47, "SEPA transfers sent after 2pm UK time go out the next working day.", "2pm"),
    nw(
        48, "Closing is free and immediate. We have to keep your records for 5 years after closure."
    ),
    nw(48, "We keep your records for 7 years after you close your account.", "7 years"),
    nw(
        49,
        "Freeze the card, then order a free replacement in Cards > Manage > Replace card > "
        "Retained by ATM.",
    ),
    nw(
        50,
        "The pending duplicate is released within 7 days, or 30 days for hotels and car hire. "
        "Most disputes are resolved within 30 days.",
    ),
    nw(
        51,
        "We may ask after a deposit over £10,000 (€11,500). Upload payslips or a bank statement "
        "in Profile > Verify source of funds; we review within 2 working days.",
    ),
    nw(51, "We may ask for proof of funds after deposits over £5,000.", "£5,000"),
    nw(
        52,
        "Faster Payments arrive within minutes, and at most 2 hours. SEPA Instant takes "
        "seconds; standard SEPA arrives the next working day, or a day later if sent after "
        "15:00.",
    ),
    nw(
        53,
        "A card payment reverts when the merchant doesn't claim it within 7 days (30 days for "
        "hotels and car hire).",
    ),
    nw(
        54,
        "Choose a new 4-digit PIN in Cards > Manage > Change PIN. Easy ones like 1234 or 0000 "
        "aren't allowed.",
    ),
    nw(
        55,
        "That message means we can't send money to that recipient's account, for example a "
        "bank on our restricted list. We can't override it, but contact us in Profile > Help > "
        "Chat with us if you think it's a mistake.",
    ),
    nw(
        56,
        "SWIFT transfers cost £3, and we add a 2% fee on currency conversion.",
        "2%",
    ),
    nw(
        57,
        "Other Northwind customers can pay your Northwind tag, like @alex, instantly and for free.",
    ),
    nw(
        58,
        "The money comes back automatically within 1-2 working days for Faster Payments and "
        "SEPA, and up to 10 working days for SWIFT.",
    ),
    nw(
        58,
        "For SWIFT, the money can take up to 15 working days to come back.",
        "15 working days",
    ),
    nw(60, "Until the card is verified, top-ups from it are limited to £250 (€290)."),
    nw(
        61,
        "You can have up to 3 physical cards at once; an extra one costs £5 (€6) with standard "
        "delivery.",
    ),
    nw(61, "An extra physical card costs £5, or £12 with express delivery.", "£12"),
    nw(
        62,
        "Go to Home > Add money > Cash for a barcode, then pay in up to £1,000 a day at any Post "
        "Office, free of charge.",
    ),
    nw(
        63,
        "Your first physical card is free with standard delivery (3-5 working days in the UK, "
        "5-8 in the rest of the EEA); express costs £7 (€8).",
    ),
    nw(
        65,
        "Our 2% fee applies above your £200 (€230) of free monthly withdrawals, plus 1% at "
        "weekends or 0.5% above your monthly allowance.",
    ),
    nw(66, "Disposable cards cost £0.50 each.", "£0.50"),
    nw(
        67,
        "Top-ups fail above £5,000 (€5,800) per top-up or £10,000 (€11,500) per 30 days.",
    ),
    nw(
        68,
        "Standard SEPA usually arrives within 1 working day. If your €300 hasn't arrived after "
        "that, ask your mum for her bank's payment confirmation and send it to us in Profile > "
        "Help > Chat with us.",
        said=("my mum sent me €300 by SEPA on Tuesday and it's not there",),
    ),
    nw(
        70,
        "Exchanges are fee-free up to £1,000 (€1,150) each calendar month, then 0.5%. From "
        "Friday 22:00 to Sunday 22:00 UK time there's a 1% weekend markup.",
    ),
    nw(71, "Credit cards from the UK or EEA cost 1.5% of the top-up.", "1.5%"),
    nw(
        72,
        "Go to Cards, tap the new card and choose Activate card, then enter the last 4 digits "
        "of the card number and the expiry date. After 3 failed attempts, wait 24 hours.",
    ),
    nw(
        73,
        "You get £200 (€230) of free withdrawals each calendar month, then we charge 2% with a "
        "minimum of £1 (€1.20).",
    ),
    nw(
        74,
        "About 30 days before your card expires we post a free replacement, as long as you've "
        "used it in the last 12 months. Cards are valid for 5 years.",
    ),
    nw(
        74,
        "About 60 days before your card expires, we post a replacement.",
        "60 days",
    ),
    nw(
        75,
        "Yes, in two ways: pay in shops with Apple Pay or Google Pay, or add money via Home > "
        "Add money > Apple Pay or Google Pay.",
    ),
    nw(
        76,
        "Most checks are done within 10 minutes; manual reviews take up to 48 hours. We may "
        "also ask for a bank statement from the last 3 months.",
    ),
    nw(
        77,
        "You can open an account if you live in the UK or one of the 31 EEA countries.",
        "31",
    ),
    nw(
        77,
        "We don't accept US residents, but if you live in the UK or any of the 30 EEA countries "
        "you can open an account.",
    ),
    nw(
        12,
        "I'm sorry! Since you lost it at 3pm yesterday, freeze it now in Cards > Manage > "
        "Freeze card; a replacement costs £5 (€6).",
        said=("I lost my card yesterday at 3pm in Madrid",),
    ),
    nw(
        73,
        "You've used your £200 free allowance, so another £100 costs 2%, which is £2.",
        "£2",
        said=("I've already taken out £300 this month, what will another £100 cost me?",),
        note="derived arithmetic: true, but stated by no source",
    ),
    nw(
        20,
        "Most claims are resolved within 30 days, and complex cases abroad can take up to "
        "three months.",
        "three months",
        note="90 days restated as three months: stated by no source",
    ),
    nw(52, "SWIFT transfers take one to five working days."),
    nw(
        56,
        "We charge SWIFT transfers in pounds or euros: £3 or €3.50. I don't have a dollar "
        "price in our help articles.",
        said=(
            "How much is a SWIFT transfer?",
            "International SWIFT transfers cost a flat £3 (€3.50).",
            "And in dollars?",
        ),
    ),
    nw(
        39,
        "We'll send a 6-digit code by SMS from 07700 900 321.",
        "07700 900 321",
    ),
    nw(42, "Call +442079460321 any time."),
    nw(
        3,
        "At weekends, exchanges carry a 2% markup.",
        "2%",
        note="2% is another FAQ's figure of the same category (the cash withdrawal fee)",
    ),
    nw(
        63,
        "Your first physical card is free, and standard delivery takes 2-4 working days in the UK.",
        "2-4 working days",
    ),
    nw(11, "You can hold any of our 25 supported currencies.", "25"),
    nw(
        59,
        "Faster Payments usually arrive within minutes and SEPA within 1 working day. Incoming "
        "transfers are free.",
    ),
]

FRESH: list[Case] = [
    # --- demo shop ---------------------------------------------------------------------
    demo(
        "You'll get your money back within 5 working days of the parcel reaching us. To "
        "start, open **Orders > Return an item** and print the prepaid label."
    ),
    demo(
        "Good news — orders above $50 qualify for free standard delivery, which takes 3-5 "
        "working days."
    ),
    demo(
        "Your $38 order is below the $50 needed for free standard shipping, so shipping will "
        "be charged. If you add a little more to reach $50, standard shipping becomes free.",
        said=("I paid $38 for my order, do I get free shipping?",),
    ),
    demo("Need it fast? Express gets to you in 1-2 working days for a flat $12."),
    demo(
        "Hi! 👋\n\nThe short answer: yes, you can return it.\n\n**How long?** 30 days from "
        "delivery.\n**How?** Orders > Return an item, then drop the parcel at any post office "
        "with the prepaid label.\n**Refund?** Back to your original payment method within 5 "
        "working days after we receive it."
    ),
    demo(
        "Our tents are built for wet weather: a 3000 mm flysheet, taped seams, and testing in "
        "heavy rain."
    ),
    demo(
        "A thumb's width at the toe is the rule of thumb for hiking boots, and if you're "
        "between two sizes, go half a size up."
    ),
    demo(
        "If it's from our own Trailhead range, yes — Trailhead backpacks are covered for life "
        "against manufacturing defects. Other products have a 2-year warranty, so a "
        "non-Trailhead backpack from 2019 would no longer be covered.",
        said=("Bought a backpack in 2019 and the strap broke, is it covered?",),
    ),
    demo(
        "You can buy digital gift cards worth anywhere between $25 and $250, and they don't expire."
    ),
    demo(
        "For Canada and Mexico, allow 7–12 working days for delivery. Duties and taxes appear "
        "at checkout, so there are no surprises."
    ),
    demo(
        "If something arrives broken, you have 14 days to tell us. Just upload a photo via "
        "**Orders > Report a problem**."
    ),
    demo(
        "Thanks! Order 100245 arrived on 4 June, so you can return unused items from it until "
        "30 days after that date.",
        said=("My order number is 100245, it arrived Tuesday 4 June",),
    ),
    demo("Express shipping is $12 per order and arrives in one to two working days."),
    demo(
        "You can return items within 30 days, and refunds are processed within 48 hours of "
        "receiving them.",
        "48 hours",
    ),
    demo(
        "Standard delivery is free on orders over $50 and usually takes 2-5 working days.",
        "2-5 working days",
    ),
    demo("Express shipping costs $12, or $8 for orders over $50.", "$8"),
    demo("Your gift card is valid for 5 years from the date of purchase.", "5 years"),
    demo("Our flysheets are rated at 3000 mm, and the groundsheets at 5000 mm.", "5000"),
    demo(
        "You can also reach us by phone on 0161 496 0000 between 9am and 5pm.",
        "0161 496 0000",
        "9am",
        "5pm",
    ),
    demo("Send the photo to help@trailhead.shop within 14 days.", "help@trailhead.shop"),
    demo("Damaged items must be reported within 5 days of delivery.", "5 days"),
    demo(
        "International orders ship to Canada and Mexico and arrive in 7-12 working days; "
        "shipping costs a flat $25.",
        "$25",
    ),
    demo(
        "Returns are free: you have 30 days, and there's no restocking fee (normally 10%).",
        "10%",
    ),
    demo(
        "Every product carries a 2-year warranty, extended to 3 years if you register it online.",
        "3 years",
    ),
    demo("Orders placed before 2pm ship the same day.", "2pm"),
    demo(
        "Since it was delivered on 10 March, you can return it until 9 April.",
        "9 April",
        said=("it was delivered on 10 March",),
        note="derived date: true, but stated by no source",
    ),
    demo("Re-proof your tent every 6 months to keep the flysheet waterproof.", "6 months"),
    # --- Northwind Bank ----------------------------------------------------------------
    nw(
        8,
        "Standard card delivery is free: expect it within 3-5 working days in the UK, or 5-8 "
        "working days if you live elsewhere in the EEA.",
    ),
    nw(
        73,
        "You can take out £200 (€230) a month at no charge from us; beyond that there's a 2% "
        "fee, at least £1 (€1.20) per withdrawal.",
    ),
    nw(
        42,
        "Lost your phone? Log in to the app on another device — that signs out the old one "
        "automatically. If you can't, ring our emergency line, open 24/7: +44 20 7946 0321.",
    ),
    nw(
        71,
        "That 40p is our 1% fee for top-ups with a UK or EEA credit card: 1% of £40 is £0.40. "
        "Debit card top-ups are free.",
        said=("I topped up £40 from my Barclays credit card and was charged 40p",),
    ),
    nw(
        70,
        "Exchanging money? The first £1,000 each calendar month is fee-free. After that, we "
        "add 0.5%, and at weekends a 1% markup applies.",
    ),
    nw(
        14,
        "Your card is blocked after 3 wrong PIN entries in a row. Unblock it in **Cards > "
        "Manage > Unblock PIN**.",
    ),
    nw(52, "Faster Payments normally land within minutes — 2 hours at the most."),
    nw(56, "SWIFT payments take between 1 and 5 working days and cost £3 (€3.50)."),
    nw(
        30,
        "Identity checks normally take about 10 minutes. If yours needs a manual review, allow "
        "up to 48 hours.",
    ),
    nw(
        19,
        "Card top-ups go from £10 up to £5,000 per top-up, and no more than £10,000 over any "
        "rolling 30-day period.",
    ),
    nw(
        41,
        "Pending payments from hotels and car hire firms can be held for up to 30 days before "
        "they're released; most others are released after 7 days.",
    ),
    nw(
        6,
        "Your €100 withdrawal will stay pending until the ATM operator confirms it, which "
        "usually takes 1-3 working days (sometimes longer abroad). The amount has already been "
        "taken from your balance, so nothing extra will be charged.",
        said=("I withdrew €100 in Lisbon yesterday and it's still pending",),
    ),
    nw(
        61,
        "Yes — you can have up to 3 physical cards at a time, plus 5 virtual ones. An extra "
        "physical card is £5 (€6), including standard delivery.",
    ),
    nw(
        13,
        "You must be at least 18 to open your own account. Kids aged 7-17 can get a Junior "
        "account through a parent.",
    ),
    nw(
        43,
        "Disputes need to be raised within 120 days of paying. Most are sorted within 30 days, "
        "but complex ones can take up to 90 days.",
    ),
    nw(62, "Pay in up to £1,000 in cash a day at any Post Office counter. It's free."),
    nw(
        62,
        "Cheques up to £5,000 are accepted — photograph both sides in Home > Add money > Cheque.",
    ),
    nw(
        74,
        "Physical cards last 5 years. We'll automatically send a free replacement around 30 "
        "days before yours expires.",
    ),
    nw(
        13,
        "You need to be 18 to open your own account, but at 16 you can open a Junior account.",
        said=("can I open an account at 16?",),
    ),
    nw(
        8,
        "Standard card delivery takes 3-5 working days in the UK and 7-10 working days "
        "elsewhere in the EEA.",
        "7-10 working days",
    ),
    nw(
        73,
        "You can withdraw £200 a month for free, then we charge 1.5% per withdrawal.",
        "1.5%",
    ),
    nw(42, "Our emergency line is +44 20 7946 0123, open 24/7.", "+44 20 7946 0123"),
    nw(71, "Top-ups with a UK credit card cost 2.5%.", "2.5%"),
    nw(52, "Faster Payments can take up to 4 hours.", "4 hours"),
    nw(30, "Identity checks usually take around 30 minutes.", "30 minutes"),
    nw(
        15,
        "The contactless limit in the UK is £100, and your PIN is needed after 3 contactless "
        "payments in a row.",
        "3",
    ),
    nw(43, "Disputes must be raised within 60 days.", "60 days"),
    nw(56, "SWIFT transfers cost £5 (€6) each.", "£5", "€6"),
    nw(62, "Cash deposits at the Post Office are limited to £500 a day.", "£500"),
    nw(24, "You can hold up to 10 virtual cards.", "10"),
    nw(70, "Exchanges are fee-free up to £1,500 per calendar month.", "£1,500"),
    nw(
        70,
        "The weekend markup applies from Friday 5pm to Monday 9am.",
        "5pm",
        "9am",
    ),
    nw(
        48,
        "Close your account in Profile > Close account; we keep your records for 6 years.",
        "6 years",
    ),
    nw(
        76,
        "Verification help: email verify@northwindbank.example with your ID.",
        "verify@northwindbank.example",
    ),
    nw(39, "More details are at northwindbank.example/fees.", "northwindbank.example/fees"),
    nw(
        45,
        "Refunds from merchants take 5–10 working days, or up to 20 working days for refunds "
        "from abroad.",
        "20 working days",
    ),
    nw(52, "SEPA Instant transfers arrive within 10 seconds.", "10 seconds"),
    nw(9, "Auto top-up can add between £10 and £2,000 at a time.", "£2,000"),
]

BLIND: list[Case] = [
    # --- demo shop ---------------------------------------------------------------------
    demo(
        "Your refund lands on the card you paid with, at most 5 working days after the parcel "
        "gets back to us."
    ),
    demo(
        "Heads up: free shipping kicks in at $50. Below that, you can still choose Express for "
        "$12 (1-2 working days)."
    ),
    demo(
        "Yes! Your $62 order is over $50, so standard shipping is free and takes 3-5 working days.",
        said=("I spent $62, will shipping be free?",),
    ),
    demo(
        "The warranty lasts two years for manufacturing faults; Trailhead backpacks and tents "
        "are covered for their whole life."
    ),
    demo(
        "We'll need a photo of the damage within fourteen days — upload it under **Orders > "
        "Report a problem** and we'll sort out a replacement or refund."
    ),
    demo("Shipping to Mexico or Canada takes between 7 and 12 working days."),
    demo("Gift cards: $25 minimum, $250 maximum, sent by email straight away."),
    demo(
        "Express: 1–2 working days, $12. Standard: 3–5 working days, free over $50. "
        "International (Canada & Mexico): 7–12 working days."
    ),
    demo("All our tents: 3000 mm waterproof flysheet, taped seams, tested in heavy rain."),
    demo(
        "Refunds reach your card within 5 working days, and you'll get a confirmation email "
        "within 1 hour.",
        "1 hour",
    ),
    demo("Free standard shipping starts at $50; Express is $14.99.", "$14.99"),
    demo("Express orders placed by 1pm are dispatched the same day.", "1pm"),
    demo("Our Trailhead tents have a 4000 mm flysheet.", "4000"),
    demo(
        "Gift cards are available from $25 to $250, and you get a bonus $10 on cards over $100.",
        "$10",
        "$100",
    ),
    demo(
        "Returns are accepted within 30 days; items bought in the sale can be returned within "
        "14 days.",
        "14 days",
    ),
    demo("Call our returns team on 0800 046 1234.", "0800 046 1234"),
    demo(
        "International delivery takes 7-12 working days and duties are around 20% of the order "
        "value.",
        "20%",
    ),
    demo(
        "The 2-year warranty can be extended to 5 years for $15.",
        "5 years",
        "$15",
    ),
    demo(
        "Your order from 1 July should arrive by 6 July with standard shipping.",
        "6 July",
        said=("I ordered on 1 July",),
        note="derived date: true, but stated by no source",
    ),
    demo(
        "If you're between sizes, go up half a size — so if a 9 feels snug, try 9.5. Measuring "
        "in the afternoon helps too.",
        "9.5",
        said=("I'm a size 9 but between sizes in some brands",),
        note="derived size: true, but stated by no source",
    ),
    # --- Northwind Bank ----------------------------------------------------------------
    nw(
        12,
        "Lost card? Freeze it straight away in Cards > Manage > Freeze card. Replacing a lost "
        "or stolen card costs £5 (€6), standard delivery included.",
    ),
    nw(
        70,
        "Exchanges cost nothing up to £1,000 (€1,150) a calendar month; after that it's 0.5%, "
        "plus a 1% markup over the weekend.",
    ),
    nw(
        21,
        "Card payments in other currencies are free, apart from the 0.5% fee above your £1,000 "
        "monthly allowance and the 1% weekend markup.",
    ),
    nw(
        47,
        "Because your €2,000 SEPA transfer was sent after 15:00 UK time on Friday, it goes out "
        "on the next working day.",
        said=("I sent €2,000 by SEPA at 4pm on Friday",),
    ),
    nw(69, "Unauthorised withdrawals are normally refunded by the end of the next working day."),
    nw(
        19,
        "Physical card top-up limits: £10 minimum and £5,000 maximum per top-up, up to £10,000 "
        "in 30 days.",
    ),
    nw(62, "Yes, you can pay in a GBP cheque of up to £5,000 through Home > Add money > Cheque."),
    nw(
        31,
        "Most identity checks take under 10 minutes; if yours goes to manual review, it can "
        "take up to 48 hours.",
    ),
    nw(
        49,
        "Retained cards are destroyed for security, so order a free replacement in Cards > "
        "Manage > Replace card > Retained by ATM.",
    ),
    nw(
        74,
        "Cards are valid for 5 years. About 30 days before your card expires, we'll post a free "
        "replacement, as long as you've used the card in the last 12 months.",
        said=("My card expires 08/27",),
    ),
    nw(
        3,
        "We use the live interbank rate. From Friday 22:00 until Sunday 22:00 UK time, markets "
        "are closed and a 1% markup applies.",
    ),
    nw(
        71,
        "A top-up from a card outside the UK and EEA costs 2.5%; UK and EEA credit cards cost "
        "1% and debit cards are free.",
    ),
    nw(70, "Exchanges are fee-free up to £1,000 a month; after that we charge 1%.", "1%"),
    nw(12, "Replacing a lost card costs £5, or £7 for express.", "£7"),
    nw(56, "SWIFT transfers take 1-5 working days and cost £3.50.", "£3.50"),
    nw(61, "You can have up to 3 physical and 8 virtual cards.", "8"),
    nw(37, "The daily ATM withdrawal limit is £300.", "£300"),
    nw(76, "Manual identity reviews take up to 72 hours.", "72 hours"),
    nw(
        52,
        "Faster Payments arrive within minutes, and SEPA Instant within 30 seconds.",
        "30 seconds",
    ),
    nw(42, "Call us on +44 20 7946 0321 between 8am and 8pm.", "8am", "8pm"),
    nw(15, "Contactless works up to £100 per payment, and up to £50 abroad.", "£50"),
    nw(
        50,
        "The second £18.40 charge is likely a temporary authorisation; it should drop off "
        "within 3 days.",
        "3 days",
        said=("I was charged twice for £18.40 at Tesco",),
    ),
]

# BLIND2: written in full after the final design of the sentence-topic checker and before
# any work on the same-topic misses; first run with that checker ("blind-2, before" in
# docs/benchmarks.md), then with the clause rule. Never edited after its first run.
BLIND2: list[Case] = [
    # --- demo shop: supported ----------------------------------------------------------
    demo(
        "Hi there! Standard shipping is free for orders above fifty dollars and normally "
        "takes three to five working days. Express costs 12 dollars and arrives in one to two "
        "working days."
    ),
    demo(
        "You can send back anything unused within a month — 30 days from delivery, to be "
        "exact [FAQ 1]. Once the parcel reaches us, your refund is on its way within five "
        "business days."
    ),
    demo(
        "I'm sorry it arrived damaged! Please let us know within two weeks (14 days) through "
        "**Orders > Report a problem**, with a photo, and we'll send a replacement or refund "
        "you in full, shipping included."
    ),
    demo(
        "Our gift cards come in values from 25 to 250 dollars. They're emailed instantly and "
        "never expire, so they make an easy last-minute present."
    ),
    demo(
        "We currently ship to Canada and Mexico only. International orders usually arrive "
        "within 7 to 12 business days, and any duties or taxes are calculated at checkout."
    ),
    demo(
        "Every tent we sell has a 3,000mm waterproof flysheet with taped seams. To keep it "
        "performing, re-proof the flysheet every couple of seasons."
    ),
    demo(
        "All our products are covered for 24 months against manufacturing defects, and "
        "Trailhead-branded backpacks and tents carry a lifetime warranty."
    ),
    demo(
        "Yes! Returns are accepted for 30 days from delivery, so at 12 days you're well within "
        "the window. Start it from **Orders > Return an item**.",
        said=("My boots were delivered 12 days ago and they rub. Can I still return them?",),
    ),
    demo(
        "Here are your options:\n\n| Option | Delivery time | Cost |\n|---|---|---|\n| "
        "Standard | 3-5 working days | Free over $50 |\n| Express | 1-2 working days | $12 |\n| "
        "International | 7-12 working days | Duties at checkout |"
    ),
    demo("Gift cards start at $25 and go up to $250 — you choose the amount."),
    demo(
        "Of course! Exchanges work within the same 30-day window as returns: choose "
        "**Exchange** instead of Refund, pick your new size, and we'll ship it as soon as the "
        "original is scanned at the post office."
    ),
    demo(
        "Happy to help! Here's a quick overview:\n\n- **Returns:** unused items, within 30 "
        "days of delivery\n- **Refunds:** to your original payment method, within 5 working "
        "days of us receiving the parcel\n- **Damaged items:** report within 14 days for a "
        "replacement or full refund\n\nAnything else I can help with?"
    ),
    # --- demo shop: invented -----------------------------------------------------------
    demo(
        "Not quite — free standard shipping starts at orders over $50, so you're $2.50 away. "
        "Adding a small item would get you there.",
        "$2.50",
        said=("My basket is $47.50, do I get free shipping?",),
        note="derived arithmetic: true, but stated by no source",
    ),
    demo("Express shipping is $12 and it's free on orders over $100.", "$100"),
    demo(
        "Standard shipping takes 3-5 working days. Need it sooner? Express is $12 and arrives "
        "within 24 hours.",
        "24 hours",
    ),
    demo(
        "Yes, we ship to Canada and Mexico! International delivery takes 7-12 working days and "
        "costs a flat $12.",
        "$12",
        note="$12 is the Express price of another shipping FAQ",
    ),
    demo(
        "Our digital gift cards are emailed instantly and stay valid for 2 years from purchase.",
        "2 years",
    ),
    demo(
        "Sale items can be returned within 30 days like anything else, but a 15% restocking "
        "fee applies.",
        "15%",
    ),
    demo(
        "All our tents have a 3000 mm flysheet with taped seams and come with a 5-year warranty.",
        "5-year",
    ),
    demo(
        "If you'd like to speak to someone, call us on 0800 783 2211 or email "
        "hello@trailheadgear.com.",
        "0800 783 2211",
        "hello@trailheadgear.com",
    ),
    demo(
        "We refund to your original payment method within 5 working days of receiving the "
        "parcel; refunds to a gift card take 10 working days.",
        "10 working days",
    ),
    demo(
        "Express shipping (1-2 working days) costs $12, or it's free on orders over $150.",
        "$150",
    ),
    demo(
        "Sure! Choose **Exchange** when you start the return and pick the new size. We ship "
        "the replacement within 1-2 working days once the original is scanned at the post "
        "office.",
        "1-2 working days",
        note="1-2 working days is Express shipping's time, another FAQ",
    ),
    demo(
        "Measure your foot in the afternoon and leave about 1 cm at the toe. If you're between "
        "sizes, go up half a size.",
        "1 cm",
    ),
    demo(
        "You can return unused items within 30 days. After you start the return, we'll email "
        "you the prepaid label within 2 hours.",
        "2 hours",
    ),
    # --- Northwind Bank: supported -----------------------------------------------------
    nw(
        8,
        "Standard delivery is free and takes three to five working days in the UK, or five to "
        "eight elsewhere in the EEA. Express is £7 (€8) and gets there in 1–2 working days in "
        "the UK.",
    ),
    nw(
        73,
        "The first £200 you withdraw each calendar month is free of our fees. After that it's "
        "2% per withdrawal, with a minimum charge of £1.",
    ),
    nw(37, "You can take out up to £500 (€600) a day at ATMs showing the Mastercard logo."),
    nw(
        14,
        "Your PIN gets blocked after 3 wrong attempts in a row. To unblock it, go to **Cards > "
        "Manage > Unblock PIN** and confirm with your passcode or biometrics.",
    ),
    nw(
        43,
        "You have 120 days from the payment date to dispute it. Most disputes are resolved "
        "within a month — 30 days — though complex cases can take up to 90 days.",
    ),
    nw(
        45,
        "Merchant refunds usually take 5 to 10 business days to reach you. If it's been more "
        "than 15 working days since the merchant confirmed it, ask them for the ARN and send "
        "it to us in Profile > Help > Chat with us.",
    ),
    nw(
        17,
        "Most card top-ups are instant, but some are held for security checks for up to two "
        "hours — or up to 24 hours if it's the first top-up from a new card.",
    ),
    nw(
        52,
        "SWIFT transfers usually take between 1 and 5 working days. Standard SEPA arrives the "
        "next working day, or a day later if you send it after 3pm UK time.",
    ),
    nw(
        70,
        "Weekend exchanges — from 10pm Friday to 10pm Sunday UK time — carry a 1% markup. "
        "During the week you pay nothing up to £1,000 a month, and 0.5% above that.",
    ),
    nw(
        13,
        "You need to be 18 or older to have your own account. Children from 7 to 17 can have a "
        "Junior account opened by a parent or guardian.",
    ),
    nw(
        24,
        "Virtual cards are free and created instantly in Cards > Order new card > Virtual "
        "card. Each one is valid for five years.",
    ),
    nw(
        60,
        "We'll place a temporary charge under £2 on your card with a 6-character code in the "
        "description. Enter the code within 7 days; the charge itself is released within 5 "
        "working days.",
    ),
    nw(
        19,
        "Card top-ups must be between £10 and £5,000 each, with a £10,000 limit over any "
        "rolling 30 days. Cash at the Post Office is capped at £1,000 a day.",
    ),
    nw(56, "A SWIFT transfer costs a flat £3, or €3.50 if you're sending euros."),
    nw(
        42,
        "If you don't have another device, ring our 24/7 emergency line on 020 7946 0321 and "
        "we'll block app access and freeze your cards.",
    ),
    nw(
        31,
        "Most checks finish in about 10 minutes, but a manual review can take up to 48 hours.",
    ),
    nw(
        74,
        "Physical cards are valid for 5 years. Roughly 30 days before yours expires, we'll "
        "post a free replacement, as long as you've used the card in the last 12 months.",
    ),
    nw(
        61,
        "You can have up to 3 physical cards and 5 virtual ones at the same time. An extra "
        "physical card costs £5 (€6) with standard delivery.",
    ),
    nw(
        41,
        "Pending card payments are usually claimed within 1–3 working days. If the merchant "
        "never claims it, the money is released after 7 days — 30 for hotels and car hire.",
    ),
    nw(
        71,
        "Debit cards from the UK or EEA are free to top up with. UK and EEA credit cards cost "
        "1%, and cards from outside the UK and EEA cost 2.5%.",
    ),
    nw(
        27,
        "Cash paid in at a Post Office usually shows up within 15 minutes, and always by the "
        "end of the next working day. Your £300 should appear by then — keep your counter "
        "receipt just in case.",
        said=("I paid £300 cash in at the Post Office 20 minutes ago and it's not there",),
    ),
    nw(
        58,
        "If a transfer fails, the money comes back automatically: within 1-2 working days for "
        "Faster Payments and SEPA, or up to 10 working days for SWIFT.",
    ),
    nw(
        (8, 63),
        "Ordering a physical card:\n\n1. Go to **Cards > Order new card > Physical card**.\n"
        "2. Choose your PIN and confirm your address.\n3. Pick a delivery speed:\n   - "
        "Standard: free, 3–5 working days (UK) / 5–8 (EEA)\n   - Express: £7 / €8, 1–2 "
        "working days (UK) / 2–3 (EEA)\n\nYour first physical card is free with standard "
        "delivery.",
    ),
    # --- Northwind Bank: invented ------------------------------------------------------
    nw(8, "Express card delivery costs £9 and takes 1-2 working days in the UK.", "£9"),
    nw(73, "You get £250 of free withdrawals each month, then 2% per withdrawal.", "£250"),
    nw(
        37,
        "You can withdraw up to £500 a day, and the first £200 each month is free; after that "
        "we charge 1%.",
        "1%",
    ),
    nw(
        14,
        "Your PIN is blocked after 3 incorrect attempts. You can unblock it in the app after "
        "24 hours.",
        "24 hours",
        note="24 hours is the wait after failed card activations, another card FAQ",
    ),
    nw(17, "Card top-ups can be held for up to 4 hours for security checks.", "4 hours"),
    nw(
        52,
        "SEPA Instant arrives in seconds, while standard SEPA transfers take 2 working days.",
        "2 working days",
        note="2 working days is when to ask for a trace, another transfers FAQ",
    ),
    nw(43, "You can dispute a card payment within 180 days of the payment date.", "180 days"),
    nw(
        45,
        "Refunds usually take 5-10 working days. If it's been more than 10 working days since "
        "the merchant confirmed it, send us the refund reference.",
        "10 working days",
    ),
    nw(
        3,
        "We use the live interbank rate while markets are open, from Sunday 23:00 to Friday "
        "22:00 UK time.",
        "23:00",
    ),
    nw(
        12,
        "Freeze the card first, then report it lost in the app. A replacement costs £5 and "
        "arrives within 3-5 working days.",
        "3-5 working days",
        note="true of standard delivery (FAQ 8), which was not in the prompt",
    ),
    nw(
        13,
        "You must be 18 to open a full account; Junior accounts are for children from 6 to 17.",
        "6 to 17",
    ),
    nw(39, "We'll text you a 4-digit code to reset your passcode.", "4-digit"),
    nw(24, "You can hold up to 5 virtual cards, each valid for 3 years.", "3 years"),
    nw(
        61,
        "You can have up to 3 physical cards; each extra one costs £7 with standard delivery.",
        "£7",
        note="£7 is the express delivery price, another card FAQ",
    ),
    nw(
        19,
        "Card top-ups are limited to £5,000 each and £15,000 in any rolling 30 days.",
        "£15,000",
    ),
    nw(
        56,
        "International SWIFT transfers cost a flat £3 and arrive within 1-3 working days.",
        "1-3 working days",
    ),
    nw(
        31,
        "After 3 failed attempts your case goes to our team, who reply within 5 working days.",
        "5 working days",
    ),
    nw(
        60,
        "We place a small temporary charge under £2 on the card; it's released within 7 days.",
        "7 days",
        note="7 days is the time to enter the code, same FAQ",
    ),
    nw(
        42,
        "Call our emergency line on +44 20 7946 0321, or email security@northwindbank.example.",
        "security@northwindbank.example",
    ),
    nw(48, "Closing your account is free and takes up to 5 working days.", "5 working days"),
    nw(
        73,
        "Once you've used your free £200, withdrawals cost 2%, with a minimum fee of £2.",
        "£2",
    ),
    nw(
        21,
        "Card payments are free in any currency, but foreign-currency payments at the weekend "
        "carry a 0.5% markup.",
        "0.5%",
        note="0.5% is the fee above the monthly allowance, same FAQ",
    ),
    nw(
        73,
        "You've taken out £350 this month, so the first £200 was free and the other £150 is "
        "charged at 2%, which comes to £3.",
        "£150",
        "£3",
        said=("I took out £350 from ATMs this month, what will I pay?",),
        note="derived arithmetic: true, but stated by no source",
    ),
]
