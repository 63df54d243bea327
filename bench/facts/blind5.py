"""Blind-5: 80 replies for the fact-check benchmark (issue 19), written by a fourth author
who had not seen the checker, its rules, its earlier misses or the other batches. Never
edited after its first run."""

from bench.facts.cases import Case, demo, nw

BLIND5: list[Case] = [
    demo(
        "Yes! Standard shipping is free on any order over **$50.00**, and it usually takes 3–5 "
        "working days to arrive.",
    ),
    demo(
        "Hi there! Yes, you can. Unused items can be returned within **thirty days** of "
        "delivery, and you received yours 10 days ago, so you're fine.\n\n1. Go to **Orders > "
        "Return an item**\n2. Print the prepaid label\n3. Drop the parcel at any post "
        "office\n\nOnce it reaches us, the refund goes back to your original payment method "
        "within 5 working days.",
        said=("Hi, I got my tent 10 days ago and haven't used it. Can I still send it back?",),
    ),
    demo(
        "No problem at all! Since they're unworn and arrived 10 days ago, you still have 20 "
        "days left to start a return. Head to **Orders > Return an item**, print the prepaid "
        "label and drop the box at any post office. We'll refund your original payment method "
        "within 5 working days of receiving them.",
        "20 days",
        said=(
            "My hiking boots arrived 10 days ago, never worn, but I changed my mind. Can I "
            "return them?",
        ),
        note="days left computed from the 30-day window",
    ),
    demo(
        "Express delivery takes 1–2 working days and costs $12, though it's free on orders over "
        "$50.",
        "$50",
        note="standard free-shipping threshold applied to express",
    ),
    demo(
        "Yes, we deliver to Canada (and Mexico too). International delivery to Toronto takes "
        "**7–12 working days**, and any duties and taxes are shown at checkout so there are no "
        "surprises at the door.",
        said=("I live in Toronto, do you deliver there?",),
    ),
    demo(
        "We do ship to Mexico! International orders usually take 7-14 working days to arrive in "
        "Monterrey. Any duties and taxes will be displayed at checkout before you pay.",
        "7-14 working days",
        said=("Shipping to Monterrey, how long would it take?",),
        note="international delivery range changed (7-12)",
    ),
    demo(
        "Every product comes with a **two-year warranty** against manufacturing defects. If "
        "it's a backpack or tent from our own Trailhead range, it's covered for life. [FAQ 9]",
    ),
    demo(
        "Sorry to hear that! A buckle snapping sounds like a manufacturing defect, and every "
        "product has a 2-year warranty, so at 18 months you're still covered, with about 6 "
        "months to spare. Send us a photo through **Orders > Report a problem** and we'll sort "
        "it out.",
        "6 months",
        said=(
            "The buckle on my backpack snapped after 18 months. It's not a Trailhead one. Is it "
            "covered?",
        ),
        note="remaining warranty computed",
    ),
    demo(
        "Yes, they are! All our tents have a **3,000 mm** waterproof flysheet and taped seams, "
        "and they're tested in heavy rain. To keep them that way, re-proof the flysheet every "
        "couple of seasons.",
    ),
    demo(
        "Absolutely. Our tents use a 3000 mm waterproof flysheet with taped seams, and the "
        "groundsheet is rated to 5000 mm so water won't seep up from below either. They're all "
        "tested in heavy rain.",
        "5000 mm",
        note="groundsheet rating in no FAQ",
    ),
    demo(
        "We do! Digital gift cards range from $25 to $250, they're emailed instantly, and they "
        "never expire — a perfect last-minute present.",
    ),
    demo(
        "Great idea! Our digital gift cards go from $25 up to $500, so $300 works fine. It'll "
        "be emailed instantly and never expires.",
        "$500",
        said=("Can I get a gift card for $300?",),
        note="gift card maximum changed ($250)",
    ),
    demo(
        "I'm so sorry your sleeping bag arrived with a broken zip! Please send us a photo via "
        "**Orders > Report a problem** (you have 14 days to do that) and we'll send you a "
        "replacement or a full refund, shipping included.",
        said=("My sleeping bag arrived yesterday and the zip is broken.",),
    ),
    demo(
        "Oh no, sorry about that! Just send us a photo of the damage through **Orders > Report "
        "a problem** within 30 days, and we'll send a replacement or give you a full refund "
        "including shipping.",
        "30 days",
        note="return window given for damage reports (14 days)",
    ),
    demo(
        "Of course! Start a return from **Orders > Return an item**, but choose **Exchange** "
        "instead of Refund and select size L. We'll ship the large as soon as your original is "
        "scanned at the post office.",
        said=("The jacket is too small, can I swap it for a large?",),
    ),
    demo(
        "As soon as your order ships, we'll email you a tracking link, usually within 24 hours "
        "of you placing the order. You can also find it anytime under **Orders** in your "
        "account.",
        "24 hours",
        note="made-up dispatch time",
    ),
    demo(
        "You'll find the tracking link under **Orders** in your account; we also emailed it to "
        "you when your order shipped.",
    ),
    demo(
        "Sorry about that! You can also find the tracking link under **Orders** in your "
        "account. If it's not showing there either, drop us a line at support@demoshop.com and "
        "we'll look into it.",
        "support@demoshop.com",
        said=("I never got the tracking email, what now?",),
        note="made-up email",
    ),
    demo(
        "If your parcel arrived damaged, the quickest way is to send a photo via **Orders > "
        "Report a problem** within 14 days. If you'd rather talk to someone, call us at "
        "1-800-555-0199 (weekdays 9am-5pm).",
        "1-800-555-0199",
        "9am-5pm",
        note="made-up phone number and opening hours",
    ),
    demo(
        "Measure your foot in the afternoon (feet swell during the day), then check the size "
        "chart: you'll find it at www.demoshop.com/size-guide and on every product page. Leave "
        "a thumb's width at the toe, and if you're between sizes, go up half a size.",
        "www.demoshop.com/size-guide",
        note="made-up URL",
    ),
    demo(
        "Go for the **9.5**. When you're between sizes, we recommend going up half a size, and "
        "make sure there's about a thumb's width of room at the toe. Tip: measure in the "
        "afternoon, when your feet are at their largest.",
        said=("My feet measure between a US 9 and 9.5 on your chart. Which should I order?",),
    ),
    demo(
        "Once we receive your return, the refund goes back to your original payment method "
        "within 3-5 working days. Remember, items must be unused and returned within 30 days of "
        "delivery.",
        "3-5 working days",
        note="standard shipping time given for refund (5 working days)",
    ),
    demo(
        "Here's an overview of your delivery options:\n\n| Option | Time | Cost "
        "|\n|---|---|---|\n| Standard | 3–5 working days | Free over $50 |\n| Express | 1–2 "
        "working days | $12 |\n| International (Canada & Mexico) | 7–12 working days | Duties "
        "and taxes shown at checkout |\n\nOnce your order ships, we'll email you a tracking "
        "link, and you can always find it under **Orders** too. If anything arrives damaged, "
        "just send us a photo within 14 days through **Orders > Report a problem**.",
    ),
    demo(
        "Standard shipping takes 3-5 working days (free over $50), and express takes 1-2 "
        "working days for $12. Orders placed before 2pm are dispatched the same day, so choose "
        "express if you need it by the weekend.",
        "2pm",
        note="made-up dispatch cut-off",
    ),
    demo(
        "Your basket is at $46.80, just under the threshold: standard shipping is free on "
        "orders over $50, so adding a small item would get you free delivery (3–5 working "
        "days).",
        said=("My basket is $46.80. Do I pay for shipping?",),
    ),
    demo(
        "Not quite yet: standard shipping is free on orders over $50, so you're only $8 away. "
        "Add a little something and you'll get free standard delivery in 3-5 working days.",
        "$8",
        said=("My cart is at $42, is shipping free?",),
        note="amount left computed",
    ),
    demo(
        "Good question! Every tent has a 2-year warranty against manufacturing defects, but "
        "tents from our Trailhead range are covered **for life**. All of them come with a "
        "3000mm waterproof flysheet and taped seams; just re-proof the flysheet every couple of "
        "seasons.",
    ),
    demo(
        "We ship to Canada! International delivery takes 7-12 working days, and it's free on "
        "orders over CA$50; duties and taxes are shown at checkout.",
        "CA$50",
        said=("I'm in Vancouver. How much is shipping?",),
        note="domestic free-shipping threshold applied to Canada, in Canadian dollars",
    ),
    nw(
        (8,),
        "Hi! Every card is dispatched within **1 working day** of your order. After that:\n\n- "
        "**Standard** delivery is free and takes 3–5 working days in the UK.\n- **Express** "
        "costs £7 and arrives in 1–2 working days, with courier tracking.\n\nYou pick the speed "
        "at checkout in Cards > Order new card.",
        said=("I'm in Manchester. How long until my card gets here, and can I speed it up?",),
    ),
    nw(
        (63,),
        "You can order it in **Cards > Order new card > Physical card**: choose your PIN, "
        "confirm your address and pick a delivery speed. Your first physical card is free with "
        "standard delivery, which takes 5-8 working days to Spain. If you're in a hurry, "
        "express costs €8 and gets it to you in 1-2 working days.",
        "1-2 working days",
        said=("I live in Madrid and want a physical card. What are my options?",),
        note="UK express time given for the EEA (2-3)",
    ),
    nw(
        (1,),
        "Thanks for the details. For Germany, standard delivery takes **5–8 working days** "
        "after dispatch (we dispatch within 1 working day), so at 6 working days your card may "
        "well still be on its way. You can follow it in **Cards > Manage > Track delivery**. If "
        "nothing has arrived after 15 working days, tap **'Card not arrived'** on that screen "
        "and we'll cancel it and send a new one free of charge.",
        said=("I ordered my card 6 working days ago and I'm in Germany. Still nothing.",),
    ),
    nw(
        (61,),
        "Yes! You can have up to 3 physical cards on your account at once. Order the extra one "
        "in **Cards > Order new card > Physical card**. It costs £5 with standard delivery, or "
        "£12 if you choose express so it arrives in 1–2 working days. It'll be in your name and "
        "spend from the same balance.",
        "£12",
        said=("Can I get a second physical card for my travel wallet? I need it quickly.",),
        note="extra-card fee and express fee added up",
    ),
    nw(
        (74,),
        "Your card keeps working until the end of its expiry month, so through 09/26. About "
        "**30 days** before it expires, we'll automatically post a free replacement to your "
        "registered address, as long as you've used the card in the last 12 months. If not, you "
        "can order one in **Cards > Manage > Replace card > Expiring card**: free with standard "
        "delivery or £7 express.",
        said=("My card says 09/26 on it. Do I need to do anything?",),
    ),
    nw(
        (32,),
        "We never send PINs by post, so there's no letter to wait for. You can see your PIN "
        "anytime in **Cards > Manage > Show PIN** after confirming with your passcode, "
        "fingerprint or face. If you can't get into the app, you can call us on +44 20 7946 "
        "0321.",
        "+44 20 7946 0321",
        note="the bank's number, but only security FAQs (not in this prompt) give it",
    ),
    nw(
        (24,),
        "Once your identity is verified, go to **Cards > Order new card > Virtual card**. It's "
        "free and created instantly, and you can see the number, expiry date and CVV right "
        "away. You can hold up to five virtual cards at once, each valid for 5 years. Just note "
        "they can't be used at ATMs.",
    ),
    nw(
        (35,),
        "Disposable cards work a little differently: each number works for **one payment "
        "only**, then a new number is generated automatically. You can have up to 5 disposable "
        "cards active at once and generate up to 20 new numbers in 24 hours. They can't be used "
        "for subscriptions, hotel deposits or ATM withdrawals.",
        "5 disposable cards",
        said=("Can I have a few disposable cards ready for my online shopping?",),
        note="virtual-card limit given for disposable cards (one active at a time)",
    ),
    nw(
        (15,),
        "That's expected with a brand-new card: contactless only starts working after your "
        "**first chip and PIN payment** or ATM withdrawal. Once you've done that, it should "
        "work. A few other things to know:\n\n- Check it's on in Cards > Manage > Security > "
        "Contactless payments.\n- The UK limit is **£100** per payment.\n- After 5 contactless "
        "payments in a row, or £300 in total, the terminal will ask for your PIN.",
        said=("Just got my new card and contactless keeps failing at the supermarket.",),
    ),
    nw(
        (15,),
        "That's because €120 is over the contactless limit: the limit is €100 per payment, so "
        "for larger amounts please use chip and PIN. Terminals may also ask for your PIN after "
        "5 contactless payments in a row.",
        "€100",
        said=("I'm in Dublin and contactless gets declined for my €120 grocery shop.",),
        note="UK £100 limit given in euros for Ireland (limits abroad are set locally)",
    ),
    nw(
        (41,),
        "I understand the wait is frustrating. Hotels often hold a deposit like your €340 as a "
        "pending payment until they claim it. For hotels and car hire, if the merchant never "
        "claims it, the money is released automatically after **30 days** (it's 7 days for "
        "other merchants). We can't cancel a pending payment ourselves, so if you think it "
        "shouldn't be there, it's worth asking the hotel to release it.",
        said=("I paid a €340 deposit at a hotel in Lisbon 10 days ago and it's still pending.",),
    ),
    nw(
        (53,),
        "A payment gets reverted when the merchant cancels it or doesn't claim the reserved "
        "money in time. For car hire, that happens if they don't claim it within 7 days. It "
        "doesn't necessarily mean you're off the hook: some merchants claim the money later or "
        "take it as a separate payment, so the charge may reappear.",
        "7 days",
        said=("My car hire company payment was reversed. Will they charge me again?",),
        note="general 7-day window given for car hire (30 days)",
    ),
    nw(
        (21, 3),
        "Card payments themselves are free in any currency, but foreign-currency payments made "
        "at the weekend carry a **1% markup**, because currency markets are closed. The markets "
        "are closed from Friday 22:00 to Sunday 22:00 UK time, which is 11pm Friday to 11pm "
        "Sunday for you in Paris. On top of that, once your foreign-currency spending goes over "
        "your €1,150 monthly fee-free allowance, a 0.5% fee applies.",
        "11pm Friday",
        "11pm Sunday",
        said=(
            "I'm based in Paris. When does the weekend markup apply to my card payments in "
            "dollars?",
        ),
        note="UK times converted to Paris time",
    ),
    nw(
        (37, 73),
        "Have a great trip! Here's what applies to cash withdrawals:\n\n| | Limit "
        "|\n|---|---|\n| Daily withdrawal limit | £500 (€600) |\n| Free each calendar month | "
        "£200 (€230) |\n| After that | 2% per withdrawal, min £1 (€1.20) |\n\nYour card works "
        "at any ATM showing the Mastercard, Maestro or Cirrus logo, and **Cards > ATM finder** "
        "shows nearby machines on a map. Some ATM operators add their own charge, which must "
        "appear on screen before you continue; we can't refund those. Foreign-currency "
        "withdrawals also count towards your monthly exchange allowance.",
        said=("Going to Poland next week, what are the ATM limits and fees?",),
    ),
    nw(
        (73,),
        "Since you've used your £200 of free withdrawals this month, we'd charge 2% on the "
        "£300, which comes to £6. Some ATM operators also add their own fee, shown on screen "
        "before you accept.",
        "£6",
        said=(
            "I've already taken out £200 this month. If I withdraw £300 now, what will it cost?",
        ),
        note="fee computed (2% of £300)",
    ),
    nw(
        (49,),
        "Sorry, that's stressful! First, freeze the card straight away in **Cards > Manage > "
        "Freeze card**. Retained cards usually can't be sent back unless the ATM belongs to an "
        "open bank branch, where staff may return it with photo ID. To get a new one free of "
        "charge, go to **Cards > Manage > Replace card > Retained by ATM**. Meanwhile, you can "
        "pay with your virtual card or Apple Pay or Google Pay.",
        said=("An ATM at the train station just kept my card!",),
    ),
    nw(
        (6,),
        "That's normal: a withdrawal stays pending until the ATM operator confirms it, which "
        "usually takes 1-3 working days and can be longer abroad. Your balance already reflects "
        "the €100, and nothing extra will be taken. (If an ATM ever fails to dispense your "
        "cash, the pending amount is normally released within 7 working days.)",
        "7 working days",
        said=("I withdrew €100 in Rome yesterday and it's still pending.",),
        note="'working' added to the plain 7 days",
    ),
    nw(
        (23, 75),
        "Unfortunately not. You can top up with Apple Pay (Home > Add money > Apple Pay), but "
        "it has to be a Visa or Mastercard saved in your wallet; we don't accept American "
        "Express. Top-ups must be started from your phone, not your watch, and can go into any "
        "of our 24 supported currencies.",
        said=("Can I top up with Apple Pay using the Amex in my wallet?",),
    ),
    nw(
        (71,),
        "Yes, because your card was issued outside the UK and EEA, there's a 2.5% fee, so £10 "
        "on a £400 top-up. The fee is always shown before you confirm. To avoid it, you could "
        "top up by bank transfer, which is always free.",
        "£10",
        said=("I want to add £400 using my US Visa debit card. Any fee?",),
        note="fee computed (2.5% of £400)",
    ),
    nw(
        (19,),
        "Each card top-up can be between €10 and €5,000, with a combined limit of €11,500 in "
        "any rolling 30 days. Apple Pay, Google Pay and Auto top-up count towards the same "
        "limits. There's no limit on top-ups by bank transfer.",
        "€5,000",
        said=("I'm in the Netherlands. What's the most I can add by card at once?",),
        note="pound per-top-up maximum given in euros (€5,800)",
    ),
    nw(
        (60,),
        "That's our card verification charge! When you add a new top-up card, we place a "
        "temporary charge under £2 on it, with a **6-character code** in the description. To "
        "verify:\n\n1. Find the code in your card issuer's app or statement (next to the £1.37 "
        "charge).\n2. Enter it in **Home > Add money > Card > Verify card** within 7 "
        "days.\n\nThe charge is released within 5 working days. Until the card is verified, "
        "top-ups from it are limited to £250.",
        said=("Why is there a weird £1.37 charge from Northwind on my other card?",),
    ),
    nw(
        (17,),
        "Thanks for your patience. The first top-up from a new card can be held for automated "
        "security checks for **up to 24 hours**, so being pending after 3 hours is still within "
        "the normal range. Later top-ups from that card are usually instant (some are held up "
        "to 2 hours). If it's still pending after 24 hours, contact us in **Profile > Help > "
        "Chat with us**.",
        said=("It's my first top-up from my new card and it's been pending for 3 hours.",),
    ),
    nw(
        (26,),
        "A top-up is reversed when our security checks can't approve it, and cards linked to a "
        "cryptocurrency exchange aren't accepted. The money goes back to the card you used, "
        "usually within 5-10 working days depending on your card issuer. You can read more at "
        "northwindbank.example/help/top-up-reversed. In future, add money by bank transfer "
        "instead.",
        "northwindbank.example/help/top-up-reversed",
        said=("My top-up from my Coinbase card got reversed. Where's my money?",),
        note="made-up URL path on the bank's domain",
    ),
    nw(
        (9,),
        "You can set that up in **Home > Add money > Auto top-up**: set the trigger balance to "
        "£50 and the top-up amount to £200 (anything from £10 to £1,000 works). It uses a "
        "saved, verified debit or credit card, the normal card top-up fees apply, and it counts "
        "towards your card top-up limits. You can pause or change it at any time.",
        said=("I'd like it to add £200 automatically whenever my balance drops below £50.",),
    ),
    nw(
        (34, 67),
        "Sorry about that! The most likely reason is the amount: each card top-up can be at "
        "most £5,000, so £6,000 is over the limit. No money was taken. You could split it into "
        "smaller top-ups of £3,000 each, or send it by bank transfer, which has no limit and is "
        "free.",
        "£3,000",
        said=("My £6,000 top-up from my Barclays debit card failed.",),
        note="split amount computed",
    ),
    nw(
        (52,),
        "Here's how long transfers take:\n\n- **Northwind to Northwind:** instant\n- **Faster "
        "Payments (UK):** usually minutes, at most 2 hours, any day of the week\n- **SEPA "
        "Instant:** seconds\n- **Standard SEPA:** next working day (one more working day if "
        "sent after 3pm UK time)\n- **SWIFT:** 1–5 working days, depending on the countries and "
        "banks involved",
    ),
    nw(
        (47,),
        "Standard SEPA transfers made after 15:00 UK time (16:00 in Berlin) are sent on the "
        "next working day, so yours should go out then. Pending transfers usually clear within "
        "1 working day; if it hasn't by then, contact us in **Profile > Help > Chat with us**.",
        "16:00",
        said=(
            "I sent a SEPA transfer to my sister in Berlin at 5pm today and it's still pending.",
        ),
        note="cut-off converted to Berlin time",
    ),
    nw(
        (18,),
        "Yes. Scheduled and recurring transfers can be cancelled in **Payments > Scheduled**, "
        "as long as you do it at least 24 hours before it's due. Just tap the transfer and "
        "cancel it there.",
        "24 hours",
        said=("I set up a monthly rent transfer. Can I cancel next month's one?",),
        note="'until 23:59 UK time the day before' turned into 24 hours",
    ),
    nw(
        (22,),
        "Since it shows **Completed**, the €750 has left Northwind. SEPA transfers usually "
        "arrive within 1 working day, so it may just be on its way through your landlord's "
        "bank. You can share the receipt (tap the transfer > Share receipt) so his bank can "
        "trace it by the reference. If it still hasn't arrived after 2 working days, contact us "
        "in Profile > Help > Chat with us and we'll start a trace.",
        said=(
            "I sent €750 to my landlord by SEPA on Monday and it says Completed, but he says it "
            "isn't there.",
        ),
    ),
    nw(
        (44,),
        "I'm sorry for the hassle. Your £28,000 transfer is over our daily transfer limit of "
        "**£25,000**, which is most likely why it was declined. No money left your account, and "
        "you can see the exact reason by tapping the transfer in **Home > Transactions**. If "
        "the reason shown is a security check and you think it's wrong, contact us in Profile > "
        "Help > Chat with us and we'll review it within 1 working day.",
        said=("Why was my £28,000 transfer for a house deposit declined?",),
    ),
    nw(
        (58,),
        "The money comes back to your Northwind balance automatically. For Faster Payments and "
        "SEPA that takes 1-2 working days, and for SWIFT transfers like yours it can take up to "
        "5 working days, minus any fees deducted by other banks. Double-check the account "
        "number with the recipient before trying again.",
        "5 working days",
        said=(
            "My SWIFT payment to India failed because of a wrong account number. When do I get "
            "the money back?",
        ),
        note="SWIFT delivery time given for a SWIFT return (up to 10 working days)",
    ),
    nw(
        (55,),
        "'Beneficiary not allowed' means we can't send money to that recipient's account, for "
        "example when the receiving bank or business is on our restricted list, such as some "
        "cryptocurrency exchanges. We can't override it for individual transfers, even if "
        "you've paid them before. If you think it's a mistake, contact us in Profile > Help > "
        "Chat with us or email compliance@northwindbank.example.",
        "compliance@northwindbank.example",
        note="made-up email",
    ),
    nw(
        (7,),
        "Yes to both! CHF and THB are among the **24 currencies** you can hold and exchange. "
        "Add each one in **Exchange > Add currency**; holding a currency balance is free. Just "
        "note that local account details (sort code and account number, or IBAN) are only "
        "available for GBP and EUR.",
        said=("I'm moving to Switzerland and often visit Thailand. Can I hold francs and baht?",),
    ),
    nw(
        (70,),
        "Exchanges are fee-free up to £1,000 per calendar month. Above that, we add a 0.5% "
        "fair-usage fee, so on the remaining £500 you'd pay £2.50. Try to avoid the weekend "
        "(Friday 22:00 to Sunday 22:00 UK time), when a 1% markup applies. The exact rate and "
        "fee are always shown before you confirm.",
        "£500",
        "£2.50",
        said=("I need to exchange £1,500 into euros this week. What's the fee?",),
        note="amount over the allowance and the fee computed",
    ),
    nw(
        (4,),
        "If the card terminal offered to charge you in pounds and you accepted, the merchant's "
        "bank chose the rate, and these are typically 3-5% worse than ours, so always pay in "
        "the local currency. Otherwise, we convert at our live rate when the merchant "
        "authorises the payment, plus a 1% markup at weekends. If you still think the rate on "
        "your €60 payment is wrong, tap it in **Home > Transactions** and choose **Report an "
        "issue > Wrong exchange rate**.",
        "3-5%",
        said=(
            "Paid €60 at a restaurant in Spain, and the rate looks much worse than what I checked.",
        ),
        note="conversion-markup figure in no FAQ",
    ),
    nw(
        (65,),
        "Sorry to hear that! If the ATM offered to convert your 2,000 CZK into pounds and you "
        "accepted, the ATM operator set the rate, which is usually worse than ours; next time, "
        "always choose to be charged in the local currency. Otherwise we convert at our live "
        "rate with our usual exchange fees: **1%** at weekends and **0.5%** above your monthly "
        "allowance. The total can also include the ATM operator's own fee and our 2% fee once "
        "you've gone past your £200 of free monthly withdrawals. Tap the withdrawal in Home > "
        "Transactions for the breakdown.",
        said=("I withdrew 2,000 CZK in Prague and the rate was awful.",),
    ),
    nw(
        (38,),
        "I'm sorry about that. Go to **Payments > Direct debits** and tap the payment to see "
        "who collected it and the reference. If it's really not yours, cancel the mandate there "
        "and choose **Request refund**. For SEPA direct debits you can claim a refund within 8 "
        "weeks for any reason, or within 13 months if you never authorised it, so a payment "
        "from 3 months ago is still well within the 13 months.",
        said=(
            "There's a SEPA direct debit from a gym I never signed up with. It was taken 3 "
            "months ago.",
        ),
    ),
    nw(
        (43,),
        "I'm sorry! Since the shop isn't responding and the goods never arrived, we can raise a "
        "chargeback. Tap the payment in **Home > Transactions** and choose **Report an issue > "
        "Dispute this payment**. You have 120 days from the payment date, so until 2 May. "
        "Attach your receipt and any messages with the shop. Most disputes are resolved within "
        "30 days, though complex cases can take up to 90 days.",
        "2 May",
        said=("I bought a sofa on 2 January and it never arrived. The shop ignores me.",),
        note="deadline date computed from the 120 days",
    ),
    nw(
        (45,),
        "Refunds usually take **5–10 working days** to reach you, because they travel through "
        "the merchant's bank and Mastercard before we receive them, so 6 working days is still "
        "within that window. If more than 15 working days pass since the merchant confirmed it, "
        "ask them for the refund reference (ARN) and send it to us in **Profile > Help > Chat "
        "with us**.",
        said=("The shop confirmed my refund 6 working days ago and I still don't see it.",),
    ),
    nw(
        (50,),
        "Often one entry is a temporary authorisation and the other is the final payment, which "
        "is common at fuel pumps. The pending duplicate is released automatically within 7 "
        "days. If both show as completed, ask the station to refund the duplicate; if they "
        "won't, tap the payment and choose **Report an issue > Charged more than once**. Most "
        "disputes are resolved within 14 days.",
        "14 days",
        said=("I got charged twice for fuel at a pay-at-pump station.",),
        note="dispute resolution time changed (30 days)",
    ),
    nw(
        (5,),
        "Don't worry, that $1 is very likely an authorisation the ride-hailing app places to "
        "check your card is valid. It shows as pending and is released automatically within 7 "
        "days without ever leaving your account. (Northwind accounts have no monthly fee, so it "
        "isn't from us.) If it completes, or you don't recognise the merchant, tap it in **Home "
        "> Transactions** and choose **Report an issue > I don't recognise this**.",
        said=("What's this $1 charge from a ride-hailing app?",),
    ),
    nw(
        (12, 28),
        "I'm really sorry. Here's what to do right away:\n\n1. **Report the card:** go to Cards "
        "> Manage > Report lost or stolen. This cancels it permanently and lets you order a "
        "replacement for €6, standard delivery included.\n2. **Report the payments:** tap each "
        "of the two payments in Home > Transactions and choose Report an issue > I don't "
        "recognise this. Unauthorised payments are usually refunded by the end of the next "
        "working day.\n\nIf you can't get into the app, call our 24/7 card emergency line on "
        "+44 20 7946 0321.",
        said=("My card was stolen from my bag in Amsterdam and I see two payments I didn't make.",),
    ),
    nw(
        (42,),
        "Please act quickly: call our 24/7 emergency line on +44 20 7946 0312 and we'll block "
        "app access and freeze your cards. Also ask your mobile network to block your SIM. Once "
        "you're set up again, change your passcode in Profile > Security.",
        "+44 20 7946 0312",
        said=("Someone stole my phone on the bus! I don't have another device.",),
        note="digits of the emergency number swapped",
    ),
    nw(
        (36,),
        "If you think someone may be using your card details, freeze your card now in **Cards > "
        "Manage > Freeze card**, then choose **Report compromised card**. That permanently "
        "cancels it and orders a **free** replacement with a new number. Then report each "
        "payment you didn't make; we usually refund unauthorised payments by the end of the "
        "next working day.",
    ),
    nw(
        (39,),
        "No problem! On the login screen, tap **'Forgot passcode?'**. We'll text a 6-digit code "
        "to your registered phone number (it's valid for 10 minutes) and send a link to your "
        "email. After confirming both and taking a quick selfie, you can create a new 6-digit "
        "passcode; it can't be one of your last 3.",
        "10 minutes",
        note="made-up code validity",
    ),
    nw(
        (31,),
        "Most checks finish within 10 minutes, but if yours was sent for manual review it can "
        "take up to 2 days (48 hours). If a check fails, it's usually because of glare or blur, "
        "a cropped or expired document, or a name that doesn't match your profile; you can "
        "retake the photos in **Profile > Verify identity**. After 3 failed attempts, your case "
        "goes to our team, who reply within 2 working days.",
        said=("I submitted my ID yesterday and I'm still not verified.",),
    ),
    nw(
        (76,),
        "You can use your passport, your Polish national identity card (an EEA ID card) or a UK "
        "residence permit. Go to **Profile > Verify identity**, photograph the document, then "
        "record a short selfie video. Most checks are done within 10 minutes; manual reviews "
        "take up to 48 hours. We may also ask for proof of address, like a utility bill or bank "
        "statement from the last 6 months.",
        "6 months",
        said=("I'm a Polish citizen living in London. What documents can I use?",),
        note="proof-of-address age changed (3 months)",
    ),
    nw(
        (51,),
        "Yes, that's a routine check: we may ask where money comes from after a deposit over "
        "**£10,000**, as UK and EU anti-money-laundering rules require, so your £15,000 car "
        "sale triggered it. Upload evidence in **Profile > Verify source of funds** (for a car "
        "sale, the sale contract works well), and we'll review it within 2 working days.",
        said=(
            "I just received £15,000 from selling my car and now you're asking for source of "
            "funds?",
        ),
    ),
    nw(
        (30,),
        "We're a regulated bank, so UK and EU anti-money-laundering rules require us to confirm "
        "who you are before you can use your account. It also stops anyone opening an account "
        "in your name. It usually takes about 10 minutes once you've submitted your ID and "
        "selfie. Your documents are encrypted, only used for verification and fraud prevention, "
        "and deleted after 5 years.",
        "5 years",
        note="retention period from the account-closure FAQ, which is not in this prompt",
    ),
    nw(
        (13,),
        "She can't open a full account until she's 18, but as a parent with a Northwind account "
        "you can open a **Junior account** for her (ages 7 to 17) in Profile > Family > Add a "
        "junior. It's free, comes with her own Mastercard debit card, and you can set spending "
        "limits and send pocket money instantly. When she turns 18 in two years, she can move "
        "to a full account after verifying her identity.",
        "two years",
        said=("My daughter is 16. Can she get her own account?",),
        note="years until 18 computed",
    ),
    nw(
        (48,),
        "To close your account, go to **Profile > Close account**. Before you do:\n\n- Move "
        "your money out of every currency balance\n- Cancel direct debits and subscriptions "
        "linked to your card\n- Download any statements you need from Profile > "
        "Documents\n\nPending card payments need to settle first. Closing is free and "
        "immediate, and it cancels all your cards. We're legally required to keep your records "
        "for five years after closure; after that, your personal data is deleted.",
    ),
    nw(
        (29,),
        "Congratulations on the move! Go to **Profile > Personal details** and enter your new "
        "Bristol address. If we ask for it, upload a proof of address dated within the last **3 "
        "months**.",
        said=("I just moved from Leeds to Bristol. How do I update my address?",),
    ),
]
