"""Blind-3: 80 replies for the fact-check benchmark (issue 19), written by a second author
who had not seen the checker, its rules or its earlier misses. Never edited after its first run."""

from bench.facts.cases import Case, demo, nw

BLIND3: list[Case] = [
    demo(
        "Hi! Happy to help with your return. Here's how it works:\n\n1. Go to **Orders > "
        "Return an item** (unused items can be returned within **30 days** of "
        "delivery).\n2. Print the prepaid label.\n3. Drop the parcel off at any post "
        "office.\n\nOnce we've received it, we'll refund your original payment method "
        "within **5 working days**.",
    ),
    demo(
        "Here are our shipping options:\n\n| Option | Delivery time | Cost "
        "|\n|---|---|---|\n| Standard | 3–5 working days | Free on orders over $50 |\n| "
        "Express | 1–2 working days | $12.00 |\n\nOnce your order ships, you'll get a "
        "tracking link by email.",
    ),
    demo(
        "Good news: standard shipping is free on orders over $50, so your $64 order "
        "qualifies. It usually arrives in 3 to 5 working days. If you need it sooner, "
        "express delivery is $12 and takes 1 to 2 working days.",
        said=("My basket comes to $64 — do I have to pay for shipping?",),
    ),
    demo(
        "Yes, we do! Our digital gift cards are available from twenty-five to two hundred "
        "and fifty dollars. They're emailed instantly, and they never expire, so there's no "
        "rush for the recipient to use them.",
    ),
    demo(
        "Yes — **all** of our tents are waterproof. Each one has a **3,000 mm** waterproof "
        "flysheet and taped seams, and they're tested in heavy rain. To keep that "
        "performance, we recommend re-proofing the flysheet every couple of seasons. [FAQ "
        "7]",
    ),
    demo(
        "Every product we sell comes with a **two-year warranty** against manufacturing "
        "defects. If you're looking at a backpack or tent from our own **Trailhead** range, "
        "it's covered for life.",
    ),
    demo(
        "Yes! We ship to Canada (and Mexico too). International delivery takes 7-12 working "
        "days, and any duties and taxes are shown at checkout so there are no surprises on "
        "delivery. [FAQ 6]",
        said=("Do you deliver to Toronto?",),
    ),
    demo(
        "I'm so sorry your tent pole arrived broken! Please send us a photo through "
        "**Orders > Report a problem** — you have two weeks to report it. We'll then send "
        "you a replacement or a full refund, including shipping.",
        said=("My order arrived yesterday and the tent pole is snapped.",),
    ),
    demo(
        "Absolutely, you can swap it for a different size. When you start the return in "
        "**Orders > Return an item** (within 30 days of delivery, as long as it's unused), "
        "choose **Exchange** instead of Refund and pick the new size. We'll ship the new "
        "pair as soon as the original is scanned at the post office.",
    ),
    demo(
        "A few tips for getting the right fit:\n\n- Measure your foot in the afternoon.\n- "
        "Use the size chart on the product page.\n- Leave about a thumb's width at the "
        "toe.\n- If you're between sizes, go up half a size.\n\nAnd if they don't fit, you "
        "can exchange them for a different size.",
    ),
    demo(
        "As soon as your order ships, we email you a tracking link — you can also find it "
        "under **Orders** in your account. Express shipping takes 1-2 working days, so the "
        "tracking link is the best way to see exactly where your parcel is right now.",
        said=("I paid for express on Tuesday, where is my parcel?",),
    ),
    demo(
        "Yes — unused items can be returned within 30 days of delivery, and your jacket "
        "arrived on March 2, so just start the return from **Orders > Return an item** as "
        "soon as you can. You could also choose **Exchange** to get a different size "
        "instead of a refund.",
        said=("I got the jacket on March 2 but it doesn't fit. Can I still send it back?",),
    ),
    demo(
        "That works perfectly — gift cards are available from $25 to $250, so $100 each is "
        "fine. Both will be emailed instantly, and they never expire.",
        said=("I want to buy two gift cards for $100 each for my nephews.",),
    ),
    demo(
        "If the fault is a manufacturing defect, you're covered by our 2-year warranty [FAQ "
        "9]. If the item arrived damaged or faulty, report it with a photo in **Orders > "
        "Report a problem** within 14 days and we'll send a replacement or a full refund, "
        "including shipping [FAQ 3].",
    ),
    demo(
        "No problem! You can return any unused item within 30 days of delivery. Start it "
        "from **Orders > Return an item**, print the prepaid label and drop it at any post "
        "office. Your refund will go back to your original payment method within 5-7 "
        "working days of us receiving it.",
        "5-7 working days",
        note="refund time stretched (FAQ: 5 working days)",
    ),
    demo(
        "Express shipping costs **$15** and gets your order to you in 1-2 working days. "
        "Standard shipping takes 3-5 working days and is free on orders over $50.",
        "$15",
        note="express price changed (FAQ: $12)",
    ),
    demo(
        "Oh no, sorry it arrived damaged! Please send us a photo through **Orders > Report "
        "a problem** within 30 days of delivery, and we'll send you a replacement or a full "
        "refund, including the shipping cost.",
        "30 days",
        note="return window given for damage reports (FAQ: 14 days)",
    ),
    demo(
        "We currently ship to Canada and Mexico. International orders usually take 5-10 "
        "working days to arrive, and shipping to Canada is free on orders over $100. Duties "
        "and taxes are shown at checkout.",
        "5-10 working days",
        "$100",
        note="international range changed (7-12); made-up free-shipping threshold",
    ),
    demo(
        "Yes! Digital gift cards are available from $25 to $500. They're delivered "
        "instantly by email and never expire — a great last-minute present.",
        "$500",
        note="gift card maximum changed (FAQ: $250)",
    ),
    demo(
        "Of course! Our team can help with anything about your order. You can email us at "
        "support@trailheadoutdoors.com, and for order details you can also check **Orders** "
        "in your account, where you'll find your tracking link once it ships.",
        "support@trailheadoutdoors.com",
        said=("Can I talk to a real person about my order?",),
        note="made-up email (no contact details in the FAQs)",
    ),
    demo(
        "Yes, they are! All our tents have a 3000 mm waterproof flysheet with taped seams "
        "and are tested in heavy rain. To keep them fully waterproof, re-proof the flysheet "
        "every 2-3 seasons.",
        "2-3 seasons",
        note="'every couple of seasons' turned into a made-up range",
    ),
    demo(
        "Yes — since you've only tried them on indoors they still count as unused, and you "
        "can return them within 30 days of delivery. That means you have 20 days left to "
        "start the return from **Orders > Return an item**.",
        "20 days",
        said=(
            "My boots were delivered 10 days ago and I've only tried them on indoors. Can I "
            "return them?",
        ),
        note="derived by arithmetic (30 - 10)",
    ),
    demo(
        "Standard shipping is free on orders over $50, so your $42 cart doesn't qualify yet "
        "— add just $8 more and you'll get free standard shipping (3-5 working days).",
        "$8",
        said=("My cart is $42. Is shipping free?",),
        note="derived by arithmetic (and $50 is not over $50)",
    ),
    demo(
        "Sorry to hear that! Report it within 14 days via **Orders > Report a problem** "
        "with a photo of the damage. We'll send a replacement or a full refund (including "
        "shipping) — replacements usually ship within 2 working days.",
        "2 working days",
        note="made-up dispatch time for replacements",
    ),
    demo(
        "Express shipping costs $12 and takes 1-2 working days. Orders placed before 2pm "
        "are dispatched the same day, and you'll get a tracking link by email as soon as it "
        "ships.",
        "2pm",
        note="made-up order cut-off time",
    ),
    demo(
        "To find your size, measure your foot in the afternoon and compare it with our size "
        "chart at www.trailshop.com/size-guide. Leave a thumb's width at the toe, and if "
        "you're between sizes, go up half a size.",
        "www.trailshop.com/size-guide",
        note="made-up URL (FAQ: size chart on each product page)",
    ),
    demo(
        "All our products come with a 2-year (24-month) warranty against manufacturing "
        "defects, and backpacks and tents from our Trailhead range are covered for life.",
        "24-month",
        note="unit conversion of 2 years",
    ),
    demo(
        "Sure — you can call our customer service team on 1-800-555-0142. If it's about an "
        "existing order, you'll also find tracking and returns under **Orders** in your "
        "account.",
        "1-800-555-0142",
        said=("Is there a phone number I can call?",),
        note="made-up phone number",
    ),
    nw(
        (8,),
        "Here's how card delivery works:\n\n| | UK | Rest of EEA |\n|---|---|---|\n| "
        "**Standard** (free) | 3–5 working days | 5–8 working days |\n| **Express** (£7 / "
        "€8) | 1–2 working days | 2–3 working days |\n\nEvery card is dispatched within 1 "
        "working day of your order, and express comes with courier tracking. You can choose "
        "the speed at checkout in **Cards > Order new card**.",
    ),
    nw(
        (1,),
        "Sorry for the wait! For addresses in the EEA, standard delivery takes 5-8 working "
        "days after dispatch, so 12 working days is longer than usual. You can follow "
        "progress in **Cards > Manage > Track delivery**. If nothing has arrived after 15 "
        "working days, tap **'Card not arrived'** on that screen and we'll cancel the card "
        "and send a new one free of charge.",
        said=("I live in Germany and ordered my card 12 working days ago. Still nothing!",),
    ),
    nw(
        (15,),
        "Contactless only kicks in after your **first chip and PIN payment** (or an ATM "
        "withdrawal) with a new card, so try paying with your PIN once first. Also check "
        "it's switched on in **Cards > Manage > Security > Contactless payments**.\n\nAlso "
        "good to know:\n- In the UK the limit is **£100 per payment**; abroad, limits are "
        "set locally and are often lower.\n- For security, the terminal will ask for your "
        "PIN after **five contactless payments in a row** or **£300** in total.",
    ),
    nw(
        (21,),
        "Card payments themselves are free in any currency. A fee only applies in a few "
        "cases:\n\n- **0.5%** when a foreign-currency payment takes you over your £1,000 "
        "(€1,150) monthly fee-free exchange allowance\n- A **1% markup** on "
        "foreign-currency payments made at the weekend\n- Cash-like transactions (e.g. "
        "buying foreign cash or casino chips), which count as a cash withdrawal\n\nSome "
        "merchants add their own surcharge too. Tap the payment in **Home > Transactions** "
        "to see exactly which fee applied.",
    ),
    nw(
        (37, 73),
        "You can use any ATM with the Mastercard, Maestro or Cirrus logo. Limits and "
        "fees:\n\n- Up to **£500 (€600)** a day\n- The first **£200 (€230)** each calendar "
        "month is free of Northwind fees\n- After that, we charge **2%** of each "
        "withdrawal, minimum **£1 (€1.20)**\n\nSome ATM operators add their own charge, "
        "which must be shown on screen before you continue. Your remaining free allowance "
        "is in **Cards > Manage > Limits**.",
    ),
    nw(
        (43,),
        "I'm sorry the merchant won't help. Since the goods never arrived, you can ask us "
        "to raise a chargeback:\n\n1. Tap the payment in **Home > Transactions**.\n2. "
        "Choose **Report an issue > Dispute this payment** — this must be within **120 "
        "days** of the payment date.\n3. Attach your receipts and your messages with the "
        "merchant.\n\nMost disputes are resolved within 30 days, though complex cases can "
        "take up to 90 days.",
    ),
    nw(
        (38,),
        "For a SEPA direct debit you can claim a refund within eight weeks for any reason, "
        "and if you never authorised the payment at all, you have up to thirteen months. Go "
        "to **Payments > Direct debits**, tap the payment, cancel the mandate if it's wrong "
        "and choose **Request refund**. (For UK direct debits, the Direct Debit Guarantee "
        "gives you an immediate refund for a payment taken in error.)",
    ),
    nw(
        (12,),
        "Please freeze your card right away in **Cards > Manage > Freeze card** — you can "
        "unfreeze it if it turns up. If you're sure it's gone, choose **Cards > Manage > "
        "Report lost or stolen**; this cancels it permanently and lets you order a "
        "replacement for £5 (€6), standard delivery included.\n\nCan't get into the app? "
        "Call our 24/7 card emergency line on **+44 20 7946 0321**.",
    ),
    nw(
        (39,),
        "No problem — on the login screen tap **'Forgot passcode?'**. We'll text a "
        "six-digit code to your registered phone number and email you a link; after "
        "confirming both, take a quick selfie so we can match it to your verified ID. Then "
        "set a new 6-digit passcode (it can't be one of your last three). If you've lost "
        "access to that phone number or email, use the help form at "
        "northwindbank.example/help.",
    ),
    nw(
        (19,),
        "Here are the limits for adding money:\n\n| Method | Limit |\n|---|---|\n| Card "
        "top-up (incl. Apple Pay, Google Pay, Auto top-up) | £10 (€10) to £5,000 (€5,800) "
        "each; £10,000 (€11,500) per rolling 30 days |\n| Cash at a UK Post Office | £1,000 "
        "a day |\n| Cheque | Up to £5,000 each |\n| Bank transfer | No limit |\n\nThere's "
        "no maximum balance, though for large deposits we may ask about your source of "
        "funds.",
    ),
    nw(
        (71,),
        "Yes — because your Visa debit card was issued in the US, outside the UK and EEA, "
        "card top-ups from it cost 2.5%. The fee is always shown before you confirm. To "
        "avoid it, you could top up by bank transfer instead, which is always free.",
        said=("I want to top up with my American Visa debit card. Is there a fee?",),
    ),
    nw(
        (60,),
        "We verify new top-up cards to stop stolen cards being used. Here's what "
        "happens:\n\n1. We place a temporary charge of under £2 (€2) on your card, with a "
        "6-character code in the description.\n2. Find that code in your card issuer's app "
        "or statement.\n3. Enter it in **Home > Add money > Card > Verify card** within 7 "
        "days.\n\nThe charge is released within 5 working days. Until you verify the card, "
        "top-ups from it are limited to £250 (€290).",
    ),
    nw(
        (52,),
        "Standard SEPA transfers usually arrive the next working day, but because your €500 "
        "was sent after 3pm UK time, it will arrive a working day later than that. For "
        "time-sensitive payments in future, SEPA Instant arrives in seconds.",
        said=(
            "I sent €500 to my landlord by standard SEPA at 4pm UK time today. When will it "
            "arrive?",
        ),
    ),
    nw(
        (35, 66),
        "A disposable virtual card works for **one payment only** — after that, its details "
        "are destroyed and a new number is generated automatically. You can have one active "
        "disposable card at a time and generate up to 20 new numbers in 24 hours. They're "
        "free, but can't be used for subscriptions, recurring payments, hotel or car hire "
        "deposits, ATM withdrawals, or Apple Pay and Google Pay.",
    ),
    nw(
        (31, 76),
        "Most identity checks finish within **10 minutes**, but if yours was sent for "
        "manual review it can take up to **48 hours**. Common reasons for failure are glare "
        "or blur on the photo, a cropped or expired document, or a name that doesn't match "
        "your profile — so retake the photos in good light via **Profile > Verify "
        "identity**. After 3 failed attempts your case goes to our team, who reply within 2 "
        "working days.",
    ),
    nw(
        (13,),
        "Yes! Children aged 7 to 17 can have a **Northwind Junior** account, so at 12 your "
        "son is eligible. As long as you have a Northwind account, you can open one in "
        "**Profile > Family > Add a junior**. Junior accounts are free, come with their own "
        "Mastercard debit card, and let you set spending limits and send pocket money "
        "instantly.",
        said=("Can my 12-year-old son get a card?",),
    ),
    nw(
        (70,),
        "Exchanges are fee-free up to £1,000 per calendar month, so on your £1,500 the part "
        "above that allowance will have a 0.5% fair-usage fee added. Also try to avoid the "
        "weekend: from Friday 10pm to Sunday 10pm UK time markets are closed and we add a "
        "1% markup. The exact rate and fee are always shown before you confirm.",
        said=("I'm planning to exchange about £1,500 into euros this month.",),
    ),
    nw(
        (41,),
        "That €200 is a reservation by the hotel: it shows as pending until they claim it, "
        "and the amount is already deducted from your available balance. Merchants usually "
        "claim within 1-3 working days. If the hotel never claims it, it's released "
        "automatically, but for hotels and car hire that can take up to 30 days. We can't "
        "cancel a pending payment for you, so if it's wrong, please ask the hotel to "
        "release it.",
        said=("A hotel in Lisbon blocked €200 on my card on Monday and it's still pending.",),
    ),
    nw(
        (54, 14),
        "You can change your PIN in **Cards > Manage > Change PIN** — confirm with your "
        "passcode or biometrics and choose a new 4-digit PIN (simple ones like 1234 or 0000 "
        "aren't allowed). If your PIN got blocked after 3 wrong attempts, unblock it first "
        "in **Cards > Manage > Unblock PIN**. Tip: some terminals abroad read the PIN from "
        "the chip, so do one balance enquiry at an ATM with the new PIN.",
    ),
    nw(
        (45,),
        "Refunds usually take 5–10 working days to reach you after the merchant processes "
        "them, as they travel through the merchant's bank and Mastercard first — so at 8 "
        "working days yours is still within the normal window. If more than 15 working days "
        "pass since the merchant confirmed it, ask them for the refund reference (ARN) and "
        "send it to us in **Profile > Help > Chat with us**.",
        said=("The shop confirmed my refund 8 working days ago but I still don't see it.",),
    ),
    nw(
        (62, 27),
        "Yes, if you live in the UK and are paying in pounds:\n\n**Cash:** get a deposit "
        "barcode in **Home > Add money > Cash** and pay in up to £1,000 a day at any Post "
        "Office counter, free of charge. It usually appears within 15 minutes, and always "
        "by the end of the next working day.\n\n**Cheques:** photograph both sides in "
        "**Home > Add money > Cheque**; cheques up to £5,000 are accepted and the money is "
        "available by 23:59 on the next working day.",
    ),
    nw(
        (61,),
        "Yes — you can have up to **three physical cards** plus up to **five virtual "
        "cards** on your account at once. An extra physical card costs £5 (€6) with "
        "standard delivery; order it in **Cards > Order new card > Physical card**. All "
        "cards are in your name and spend from the same balance.",
    ),
    nw(
        (74,),
        "Probably not! About 30 days before your card expires, we automatically post a free "
        "replacement to your registered address — as long as you've used the card in the "
        "last 12 months. If not, order one in **Cards > Manage > Replace card > Expiring "
        "card** (free with standard delivery, or £7 / €8 express). Your old card keeps "
        "working until the end of its expiry month.",
        said=("My card expires next month. Do I need to do anything?",),
    ),
    nw(
        (17,),
        "Card, Apple Pay and Google Pay top-ups are usually instant, but some are held for "
        "automated security checks — for up to 2 hours, or up to 24 hours if it's the first "
        "top-up from a new card. If it's still pending after that, contact us in **Profile "
        "> Help > Chat with us**.",
    ),
    nw(
        (58,),
        "When a transfer fails, the money comes back to your Northwind balance "
        "automatically: within 1–2 working days for Faster Payments and SEPA, and up to 10 "
        "working days for SWIFT (minus any fees deducted by other banks). Before trying "
        "again, double-check the account number or IBAN and the name with the recipient.",
    ),
    nw(
        (77,),
        "You can open an account if you live in the UK or any of the 30 EEA countries — "
        "that's the 27 EU states plus Iceland, Liechtenstein and Norway. Unfortunately we "
        "don't currently accept US residents. Once you have an account, though, your card "
        "works wherever Mastercard is accepted, in more than 200 countries and territories.",
    ),
    nw(
        (8,),
        "Your card will be dispatched within 1 working day of ordering, and standard "
        "delivery is free and takes 3-5 working days. If you need it sooner, express "
        "delivery costs €8 and comes with courier tracking.",
        "3-5 working days",
        said=("I'm in Spain — how long will my standard card take?",),
        note="UK standard window given for an EEA address (EEA: 5-8)",
    ),
    nw(
        (61,),
        "Yes, you can add extra cards! You can have up to 3 physical cards on your account "
        "at once. An additional physical card costs £7 with standard delivery — order it in "
        "**Cards > Order new card > Physical card**. All your cards spend from the same "
        "balance and can be frozen separately.",
        "£7",
        note="express delivery price given for an extra card (£5)",
    ),
    nw(
        (12,),
        "I'm sorry your card's been stolen. Freeze it immediately in **Cards > Manage > "
        "Freeze card**, then go to **Cards > Manage > Report lost or stolen** to cancel it "
        "permanently and order a replacement for £5 (€6) with standard delivery included. "
        "If you can't access the app, our 24/7 card emergency line is **+44 20 7946 0312**.",
        "+44 20 7946 0312",
        note="emergency number with last two digits swapped",
    ),
    nw(
        (15,),
        "For security, card terminals will ask for your PIN after 5 contactless payments in "
        "a row or once you've spent £250 in total contactlessly. This is normal — just "
        "enter your PIN and contactless will carry on working. The UK contactless limit is "
        "£100 per payment.",
        "£250",
        note="cumulative contactless threshold changed (£300)",
    ),
    nw(
        (37, 40),
        "You can withdraw up to €500 a day at any ATM showing the Mastercard, Maestro or "
        "Cirrus logo. The first €230 each calendar month is free of Northwind fees. Some "
        "ATM operators set lower limits per withdrawal, so if a withdrawal is declined, try "
        "a smaller amount.",
        "€500",
        said=("I live in Dublin. How much cash can I take out per day?",),
        note="GBP daily limit given in euros (€600)",
    ),
    nw(
        (73,),
        "You can withdraw up to £200 each calendar month free of Northwind fees, so you "
        "still have £50 of free withdrawals left this month. After that we charge 2% of "
        "each withdrawal, with a minimum of £1. You can check your remaining free allowance "
        "in **Cards > Manage > Limits**.",
        "£50",
        said=("I've already taken out £150 this month. Will I pay a fee on my next withdrawal?",),
        note="derived by arithmetic (£200 - £150)",
    ),
    nw(
        (43,),
        "If the merchant refuses to refund you and the item was faulty, we can raise a "
        "chargeback. Tap the payment in **Home > Transactions**, choose **Report an issue > "
        "Dispute this payment** and attach your receipts and messages with the merchant. "
        "You need to do this within 90 days of the payment date. Most disputes are resolved "
        "within 30 days.",
        "90 days",
        note="complex-case duration given as the dispute deadline (120 days)",
    ),
    nw(
        (38,),
        "For SEPA direct debits you can claim a refund within 8 weeks (about two months) "
        "for any reason, or within 13 months if you never authorised the payment. Go to "
        "**Payments > Direct debits**, tap the payment, cancel the mandate and choose "
        "**Request refund**.",
        "about two months",
        note="derived conversion of 8 weeks",
    ),
    nw(
        (71,),
        "You can! Just note that credit card top-ups have a fee: since your card was issued "
        "in France, it's 2.5% of the top-up amount. Personal debit cards issued in the UK "
        "or EEA are free, so using a debit card or a bank transfer would avoid the fee.",
        "2.5%",
        said=("I'd like to top up with my French credit card.",),
        note="non-UK/EEA card fee given for an EEA credit card (1%)",
    ),
    nw(
        (60,),
        "When you add a new top-up card, we place a small temporary charge (under £2) on it "
        "with a 6-character code in the description. Enter that code in **Home > Add money "
        "> Card > Verify card**. The charge is released within 7 days, and until the card "
        "is verified your top-ups from it are limited to £250.",
        "7 days",
        note="code-entry deadline given as the release time (5 working days)",
    ),
    nw(
        (52,),
        "Here's how long transfers take:\n\n- **Northwind to Northwind:** instant\n- "
        "**Faster Payments:** usually minutes, at most 2 hours\n- **SEPA Instant:** "
        "seconds\n- **Standard SEPA:** next working day, or a day later if sent after 16:00 "
        "UK time\n- **SWIFT:** 1–5 working days",
        "16:00",
        note="SEPA cut-off time changed (15:00)",
    ),
    nw(
        (56,),
        "That would go as an international SWIFT transfer, which has a flat fee of €3. If "
        "the money needs converting, exchange fees can also apply (0.5% above your monthly "
        "fee-free allowance, 1% at weekends). The receiving and intermediary banks may "
        "deduct their own fees too.",
        "€3",
        said=("I'm sending euros from my EUR balance to a bank in Canada. What's the fee?",),
        note="GBP SWIFT fee given in euros (€3.50)",
    ),
    nw(
        (44,),
        "Your transfer may have been declined because it would take you over the daily "
        "transfer limit of £20,000. Other common reasons are not having enough balance to "
        "cover the amount plus fees, incomplete identity verification, or a security check. "
        "Tap the transfer in **Home > Transactions** to see the reason.",
        "£20,000",
        note="daily transfer limit changed (£25,000)",
    ),
    nw(
        (24,),
        "You can create a virtual card for free in **Cards > Order new card > Virtual "
        "card** once your identity is verified. It's ready instantly and each one is valid "
        "for 5 years. You can have up to 3 virtual cards at the same time, and you can add "
        "them to Apple Pay or Google Pay.",
        "3 virtual cards",
        note="physical-card limit (not in prompt) given for virtual cards (5)",
    ),
    nw(
        (31,),
        "Sorry it's taking a while! Most checks finish within 10 minutes, but ones sent for "
        "manual review can take up to 48 hours. If your verification has failed 3 times, "
        "your case goes to our team, who'll get back to you within 24 hours.",
        "24 hours",
        note="team reply time changed (2 working days)",
    ),
    nw(
        (13,),
        "She can't open a full account in her own name until she's 18, but as a parent with "
        "a Northwind account you can open a **Northwind Junior** account for her (for ages "
        "7 to 17) in **Profile > Family > Add a junior**. It's free and comes with her own "
        "Mastercard debit card. In 3 years, when she turns 18, she can move to a full "
        "account after verifying her identity.",
        "3 years",
        said=("My daughter is 15 — can she open her own account?",),
        note="derived by arithmetic (18 - 15)",
    ),
    nw(
        (48,),
        "You can close your account in **Profile > Close account**. It's free and takes "
        "effect immediately, but first move your money out of all balances, cancel direct "
        "debits and download your statements. We're legally required to keep your records "
        "for 7 years after closure, after which your personal data is deleted.",
        "7 years",
        note="record retention changed (5 years)",
    ),
    nw(
        (39,),
        "Tap **'Forgot passcode?'** on the login screen. We'll send a 6-digit code by SMS "
        "and a link to your email, then ask for a quick selfie. If you no longer have "
        "access to your phone number or email, use our help form at "
        "northwindbank.example/help/passcode-reset.",
        "northwindbank.example/help/passcode-reset",
        note="wrong URL path (northwindbank.example/help)",
    ),
    nw(
        (70,),
        "The first £1,000 you exchange each calendar month is fee-free. Above that we add a "
        "0.5% fair-usage fee, so on the remaining £500 you'd pay £2.50. If you exchange at "
        "the weekend (Friday 22:00 to Sunday 22:00 UK time), there's also a 1% markup.",
        "£500",
        "£2.50",
        said=("If I exchange £1,500 this month, what will I pay?",),
        note="both figures derived by arithmetic",
    ),
    nw(
        (21,),
        "Card payments are free in any currency. You'll only see a fee if a "
        "foreign-currency payment takes you over your £1,000 monthly fee-free exchange "
        "allowance (1%) or if you pay in a foreign currency at the weekend (0.5% markup). "
        "Cash-like transactions, like buying casino chips, count as cash withdrawals.",
        "1%",
        "0.5%",
        note="allowance fee and weekend markup swapped",
    ),
    nw(
        (45,),
        "Once a merchant processes a refund, it usually takes between five and ten working "
        "days to reach your account, because it goes through their bank and Mastercard "
        "first. If more than 10 working days have passed since the merchant confirmed it, "
        "ask them for the refund reference (ARN) and send it to us via **Profile > Help > "
        "Chat with us**.",
        "10 working days",
        note="ARN threshold changed (15 working days)",
    ),
    nw(
        (8,),
        "Cards are dispatched within 1 working day, and standard delivery in the UK takes "
        "3-5 working days, so your card should arrive by Tuesday 10 June at the latest. You "
        "can follow it in **Cards > Manage > Track delivery**.",
        "Tuesday 10 June",
        said=("I ordered my card on Monday 2 June with standard delivery. I'm in London.",),
        note="derived date",
    ),
    nw(
        (29,),
        "Your date of birth can only be corrected by our team. Please email us at "
        "support@northwindbank.example with a photo of your ID, and we'll update it for "
        "you. Other details, like your email address and phone number, you can change "
        "yourself in **Profile > Personal details**.",
        "support@northwindbank.example",
        said=("My date of birth is wrong on my profile. How do I fix it?",),
        note="made-up email (FAQ: via Profile > Help > Chat with us)",
    ),
    nw(
        (25,),
        "Your Northwind card is a Mastercard debit card, so it works anywhere Mastercard is "
        "accepted — in shops, online and in apps in more than 200 countries and "
        "territories, at over 100 million merchants worldwide. A few merchants don't take "
        "debit cards, especially for car hire or hotel deposits.",
        "100 million",
        note="true-sounding figure in no FAQ",
    ),
    nw(
        (10,),
        "Let's get it sorted. First, check **Cards > Manage** to make sure the card isn't "
        "frozen, not activated or expired, and check **Cards > Manage > Security** that the "
        "payment type you're using is switched on. If the chip or stripe is damaged, order "
        "a free replacement in **Cards > Manage > Replace card > Damaged card** — it should "
        "arrive within 3-5 working days — and use your virtual card in the meantime.",
        "3-5 working days",
        note="delivery time from a cards FAQ, not in this prompt",
    ),
    nw(
        (3,),
        "We use the live interbank (mid-market) rate while markets are open, from Sunday "
        "22:00 to Friday 22:00 UK time — that's 23:00 your time in Madrid. Outside those "
        "hours, at the weekend, exchanges carry a 1% markup. You can check the live rate in "
        "**Exchange > Rates** before converting.",
        "23:00",
        said=("I'm in Madrid. When are currency markets open for the live rate?",),
        note="time-zone conversion no source states",
    ),
]
