"""Blind-4: 80 replies for the fact-check benchmark (issue 19), written by a third author
who had not seen the checker, its rules, its earlier misses or the other batches. Never
edited after its first run."""

from bench.facts.cases import Case, demo, nw

BLIND4: list[Case] = [
    # --- demo shop ---------------------------------------------------------------------
    demo(
        "Hi there, sorry the boots didn't fit! Since they were delivered 10 days ago, you're "
        "well within our **30-day** return window, as long as they're unused.\n\n"
        "Here's how to return them:\n"
        "1. Go to **Orders > Return an item**.\n"
        "2. Print the prepaid label.\n"
        "3. Drop the parcel at any post office.\n\n"
        "If you'd rather have a bigger pair, choose **Exchange** instead of Refund and pick the "
        "new size; we'll ship it as soon as the original is scanned at the post office. Tip for "
        "next time: if you're between sizes, go up half a size.",
        said=(
            "Hi, my hiking boots were delivered 10 days ago but they're too small. Can I send "
            "them back?",
        ),
    ),
    demo(
        "Good question! Unused items can be returned within 30 days of delivery, so for a tent "
        "delivered on 3 June your last day to start the return is **3 July**. Start it from "
        "**Orders > Return an item**, print the prepaid label and drop it off at any post "
        "office. We'll refund your original payment method within 5 working days of receiving "
        "it.",
        "3 July",
        said=("My tent was delivered on 3 June. What's the last day I can return it?",),
        note="deadline date computed from delivery date + 30 days",
    ),
    demo(
        "Here are our shipping options:\n\n"
        "| Option | Delivery time | Cost |\n"
        "|---|---|---|\n"
        "| Standard | 3-5 working days | Free on orders over $50 |\n"
        "| Express | 1-2 working days | $12.00 |\n\n"
        "Once your order ships, we'll email you a tracking link, and you can also follow it "
        "under **Orders** in your account."
    ),
    demo(
        "Express shipping takes 1-2 working days and normally costs $12, but express is free on "
        "orders over $50, so with your $80 order you won't pay anything extra for it.",
        "$50",
        said=("How much is express shipping? My order comes to $80.",),
        note="standard's free-shipping threshold applied to express",
    ),
    demo(
        "Yes, we ship to Canada and Mexico! International delivery takes 7-12 working days, so "
        "roughly two weeks, and any duties and taxes are shown at checkout so there are no "
        "surprises on delivery.",
        "two weeks",
        note="approximate conversion of 7-12 working days",
    ),
    demo(
        "Yes, it should be! Every product we sell has a **2-year warranty** against "
        "manufacturing defects (that's 24 months of cover), and backpacks and tents from our "
        "own **Trailhead** range go further: they're covered **for life**. So a strap tearing on "
        "your Trailhead backpack is covered as long as it's a manufacturing defect rather than "
        "wear and tear.",
        said=(
            "I bought a Trailhead backpack last year and now a strap has torn. Is that covered?",
        ),
    ),
    demo(
        "Sorry to hear that! At 8 months, your jacket is still well within our 2-year warranty "
        "against manufacturing defects. To start a claim, email our team at "
        "**warranty@demoshop.com** with your order number and a photo of the broken zip, and "
        "we'll take it from there.",
        "warranty@demoshop.com",
        said=("The zip on my jacket broke after 8 months. How do I make a warranty claim?",),
        note="made-up email",
    ),
    demo(
        "Yes, all our tents are waterproof. They have a **3000 mm** waterproof flysheet and taped "
        "seams, and every model is tested in heavy rain. To keep them that way, re-proof the "
        "flysheet every couple of seasons. And if it's one of our own Trailhead tents, it's "
        "covered for life against manufacturing defects [FAQ 9]."
    ),
    demo(
        "Our tents use a 3000 mm waterproof flysheet with taped seams, and the groundsheet is "
        "rated to 5000 mm, so you'll stay dry even in a downpour. Each one is tested in heavy "
        "rain.",
        "5000 mm",
        note="groundsheet rating stated in no FAQ",
    ),
    demo(
        "We do! Our digital gift cards range from **$25 to $250**, so a $100 card for your "
        "brother works perfectly. They're emailed instantly and never expire, so he can use it "
        "whenever he likes.",
        said=("Do you have gift cards? I want to give my brother around $100.",),
    ),
    demo(
        "Yes! We sell digital gift cards in **$25, $50, $100 and $250** values. They arrive by "
        "email instantly and never expire, which makes them a great last-minute present.",
        "$50",
        "$100",
        note="made-up denominations; FAQ only gives the $25-$250 range",
    ),
    demo(
        "I'm so sorry your tent arrived with a snapped pole! Please send us a photo through "
        "**Orders > Report a problem** within 14 days. Since it only arrived yesterday, you have "
        "plenty of time. We'll then send you a replacement or a full refund, including shipping.",
        said=("My tent arrived yesterday and one of the poles is snapped!",),
    ),
    demo(
        "Not too late at all! You can report damaged or faulty items within 30 days of "
        "delivery, so just send us a photo through **Orders > Report a problem** and we'll send "
        "a replacement or a full refund, including shipping.",
        "30 days",
        said=(
            "The backpack I ordered came with a broken buckle. It arrived about three weeks "
            "ago, is it too late?",
        ),
        note="return window given for damaged-item reports (14 days)",
    ),
    demo(
        "Hi! Standard shipping takes 3 to 5 working days, so it may still be on its way. As soon "
        "as your order ships, we email you a tracking link, and you can also find it any time "
        "under **Orders** in your account.",
        said=(
            "I ordered a sleeping bag on Monday with standard shipping and it's Wednesday. "
            "Where is it?",
        ),
    ),
    demo(
        "You can track your parcel with the link we emailed when your order shipped, or under "
        "**Orders** in your account. If it still hasn't arrived after 10 working days, drop us "
        "a line at support@demoshop.com and we'll look into it.",
        "10 working days",
        "support@demoshop.com",
        note="made-up follow-up window and made-up email",
    ),
    demo(
        "Finding the right boot size:\n\n"
        "- **Measure in the afternoon**, when your feet are at their largest.\n"
        "- Compare your measurement with the **size chart** on the product page.\n"
        "- Leave about a **thumb's width** of space at the toe.\n"
        "- Between two sizes? **Go up half a size.**"
    ),
    demo(
        "Measure your foot in the afternoon and compare it with the size chart on the product "
        "page. You want roughly 1 cm of room at the toe, about a thumb's width, and if you're "
        "between sizes, go up half a size.",
        "1 cm",
        note="thumb's width converted to a measurement",
    ),
    demo(
        "Returning an item is easy [FAQ 1]:\n\n"
        "1. Make sure the item is unused and within **thirty days** of delivery.\n"
        "2. Start your return under **Orders > Return an item**.\n"
        "3. Print the prepaid label and drop the parcel at any post office.\n\n"
        "Once the parcel reaches us, the refund goes back to your original payment method "
        "within **five working days**."
    ),
    demo(
        "Thanks for sending it back! Once the parcel reaches our warehouse and is checked, we "
        "refund your original payment method within 3-5 working days.",
        "3-5 working days",
        said=("I sent my return back last week. When will I get my money?",),
        note="standard shipping time given as refund time (5 working days)",
    ),
    demo(
        "Of course! Start a return in **Orders > Return an item** and choose **Exchange** "
        "instead of Refund, then pick size L. Print the prepaid label and drop the parcel at any "
        "post office. We'll send the L out as soon as your M is scanned there, so you won't have "
        "to wait for it to reach us.",
        said=("The jacket is great but the M is too tight, can I swap it for an L?",),
    ),
    demo(
        "Yes, you can! When you start the return, choose **Exchange** instead of Refund and "
        "pick your new size. The new pair ships as soon as your original is scanned at the post "
        "office, usually within 24 hours.",
        "24 hours",
        note="made-up dispatch time for exchanges",
    ),
    demo(
        "What a lovely gift! Trailhead tents are covered for life against manufacturing "
        "defects, and like all our tents they have a 3000 mm waterproof flysheet with taped "
        "seams. You can also add a digital gift card anywhere from $25 to $250; it's emailed "
        "instantly and never expires.",
        said=(
            "I'm buying a Trailhead tent for my dad's birthday. Is there a warranty, and can I "
            "add a gift card?",
        ),
    ),
    demo(
        "Almost! Standard shipping (3-5 working days) is free on orders over $50, so you're "
        "just $8 away. Add one more item and it ships free; otherwise you could choose express "
        "for $12 and get it in 1-2 working days.",
        "$8",
        said=("My basket is at $42. Do I get free shipping?",),
        note="difference to the threshold computed",
    ),
    demo(
        "Hi! Yes, we ship to Canada 🇨🇦. International delivery takes **7-12 working days**, and "
        "duties and taxes are shown at checkout so you know the full cost up front. Express "
        "shipping (1-2 working days for $12) isn't listed for international orders, so for "
        "Toronto you'd go with international delivery.",
        said=("I live in Toronto. Can I get express shipping?",),
    ),
    demo(
        "Sure! You can reach our customer service team by phone at **1-800-555-0142**. You can "
        "also check your order's status any time under **Orders** in your account, where you'll "
        "find the tracking link we emailed you.",
        "1-800-555-0142",
        said=("Is there a number I can call about my order?",),
        note="made-up phone number",
    ),
    demo(
        "Great news: standard shipping is free on orders over fifty dollars and takes three to "
        "five working days. If you need it sooner, express arrives in one to two working days "
        "for twelve dollars."
    ),
    demo(
        "Measure your foot in the afternoon, then check the size chart at "
        "demoshop.com/size-guide. Leave a thumb's width at the toe, and if you're between "
        "sizes, go up half a size.",
        "demoshop.com/size-guide",
        note="made-up URL; the size chart is on each product page",
    ),
    demo(
        "Good news on both! Every product has a **2-year warranty** against manufacturing "
        "defects, so the tent pole breaking after 18 months is covered. Your Trailhead backpack "
        "is covered for life, so the 3 years don't matter there.",
        said=(
            "My Trailhead backpack's seam split after 3 years, and the pole of my other tent "
            "(not Trailhead) broke after 18 months. Are they covered?",
        ),
    ),
    # --- Northwind Bank: cards -----------------------------------------------------------
    nw(
        (1,),
        "Hola! No need to worry yet. We dispatch cards within 1 working day, and standard "
        "delivery to the rest of the EEA (including Spain) then takes 5-8 working days, so at 6 "
        "working days yours may well still be on its way. You can follow it in **Cards > Manage "
        "> Track delivery**.\n\n"
        "If nothing has arrived after **15 working days**, tap **'Card not arrived'** on that "
        "screen and we'll cancel the card and send you a new one free of charge.",
        said=(
            "I ordered my card 6 working days ago and I live in Spain. Still nothing, should I "
            "worry?",
        ),
    ),
    nw(
        (1,),
        "Sorry for the wait! Cards are dispatched within 1 working day, and standard delivery "
        "within the UK takes 3-5 working days, so yours is running late. Check **Cards > Manage "
        "> Track delivery** for the latest. If it still hasn't arrived after 15 working days, "
        "tap **'Card not arrived'** and we'll cancel it and send a replacement free of charge.",
        "15 working days",
        said=("I'm in Leeds and my new card still hasn't come, it's been 8 working days.",),
        note="EEA window given for UK (10 working days)",
    ),
    nw(
        (8,),
        "Express delivery to Ireland costs **€7** and arrives in 2-3 working days, with courier "
        "tracking included. Standard delivery is free and takes 5-8 working days. Either way, "
        "cards are dispatched within 1 working day of your order; pick the speed at checkout in "
        "**Cards > Order new card**.",
        "€7",
        said=("I live in Dublin. How much is express delivery for a card?",),
        note="pound price given in euros (€8)",
    ),
    nw(
        (61,),
        "We can't issue a card in someone else's name, so your wife would need her own "
        "Northwind account. Extra cards are for you: you can hold up to **3 physical cards** at "
        "once plus up to **5 virtual cards**, all spending from the same balance and each "
        "freezable separately. An additional physical card costs £5 (€6) with standard "
        "delivery, ordered in **Cards > Order new card > Physical card**. (Children aged 7 to 17 "
        "can have a Junior account.)",
        said=("Can I get a second card for my wife on my account?",),
    ),
    nw(
        (72,),
        "Here's how to activate your new card:\n\n"
        "1. Open **Cards** and tap the new card.\n"
        "2. Choose **Activate card**.\n"
        "3. Enter the **last 4 digits** of the card number and the expiry date.\n\n"
        "It only takes a few seconds. Then make your first payment with chip and PIN so "
        "contactless starts working. If activation fails, update the app; after 3 failed "
        "attempts, wait 24 hours or message us in **Profile > Help > Chat with us**.",
    ),
    nw(
        (74,),
        "Physical cards are valid for 5 years, and about 60 days before yours expires we "
        "automatically post a free replacement to your registered address, as long as you've "
        "used the card in the last 12 months. If it hasn't come, you can order one in **Cards > "
        "Manage > Replace card > Expiring card**, free with standard delivery or £7 (€8) "
        "express. Your current card keeps working until the end of its expiry month.",
        "60 days",
        said=(
            "My card expires next month and I haven't received a new one. Do I need to order it?",
        ),
        note="changed number (30 days)",
    ),
    # --- Northwind Bank: exchange and currencies -----------------------------------------
    nw(
        (3,),
        "We use the interbank (mid-market) rate, taken live from our market data providers "
        "while currency markets are open: from **10pm Sunday to 10pm Friday, UK time**. You can "
        "check any pair in **Exchange > Rates** before converting.\n\n"
        "As you're exchanging on a Saturday, note that weekend exchanges carry a **1% markup**. "
        "Exchanges are otherwise fee-free up to £1,000 (€1,150) per calendar month, with 0.5% "
        "added above that.",
        said=("Is your exchange rate the real one? I'm changing money on a Saturday.",),
    ),
    nw(
        (3,),
        "The weekend markup applies while currency markets are closed, from Friday 22:00 to "
        "Sunday 22:00 UK time. For you in Berlin, that means exchanges made after **23:00 on "
        "Friday** carry a 1% markup, so it's best to convert before then.",
        "23:00",
        said=("I'm in Berlin, when do the weekend fees start?",),
        note="UK time converted to Berlin time",
    ),
    nw(
        (11,),
        "You can do that in **Exchange**: choose GBP as the currency you're selling and EUR as "
        "the one you're buying, then enter £1,500. The first £1,000 each calendar month is "
        "fee-free, and we add 0.5% on the amount above that, so you'd pay a fee of **£2.50** on "
        "the remaining £500. The exact amount you'll receive and the fee are shown before you "
        "confirm, and the exchange is instant.",
        "£2.50",
        "£500",
        said=("I want to exchange £1,500 into euros today, nothing exchanged yet this month.",),
        note="excess over the allowance and the fee computed by arithmetic",
    ),
    nw(
        (4,),
        "Thanks for the details! We convert foreign card payments at our live rate at the "
        "moment the merchant authorises the payment, so it can differ from the rate you checked "
        "on Friday. Because your 45 CHF dinner was on a Saturday, a **1% weekend markup** was "
        "also added, as currency markets are closed from Friday 22:00 to Sunday 22:00 UK "
        "time.\n\n"
        "If you still think the rate was wrong, tap the payment in **Home > Transactions** and "
        "choose **Report an issue > Wrong exchange rate**.",
        said=(
            "I paid 45 CHF for dinner in Zurich on Saturday and the rate looks worse than what "
            "I checked on Friday.",
        ),
    ),
    nw(
        (4,),
        "Foreign card payments are converted at our live rate when the merchant authorises the "
        "payment. On weekends, when currency markets are closed, we add a **0.5% markup**, which "
        "is why your Sunday payment in Prague cost a little more than expected. Tip: if a "
        "terminal offers to charge you in pounds or euros, always choose the local currency "
        "instead; the merchant's bank rate is usually worse.",
        "0.5%",
        said=("Why was I charged extra on a Sunday card payment in Prague?",),
        note="fair-usage fee given as the weekend markup (1%)",
    ),
    # --- Northwind Bank: refunds and disputes --------------------------------------------
    nw(
        (5,),
        "That's almost certainly an authorisation check rather than a real charge. Ride-hailing "
        "apps like Uber often place a **$1** hold to check your card is valid. It shows as "
        "pending and is released automatically within **7 days** without ever leaving your "
        "account. (Northwind accounts have no monthly fee, so it isn't from us.)\n\n"
        "If it completes instead, or you don't recognise it, tap it in **Home > Transactions** "
        "and choose **Report an issue > I don't recognise this**.",
        said=("There's a $1 charge from Uber on my account I didn't make?",),
    ),
    nw(
        (43,),
        "I'm sorry about the sofa. Since the merchant isn't responding and the goods never "
        "arrived, you can raise a chargeback: tap the £640 payment in **Home > Transactions** "
        "and choose **Report an issue > Dispute this payment**. You have 120 days from the "
        "payment date, so until **10 May**. Attach your receipt and any messages with the "
        "merchant. Most disputes are resolved within 30 days, though complex cases can take up "
        "to 90 days.",
        "10 May",
        said=(
            "I paid a furniture website £640 on 10 January, the sofa never came and they "
            "stopped answering.",
        ),
        note="deadline date computed from payment date + 120 days",
    ),
    nw(
        (38,),
        "Sorry about that! Go to **Payments > Direct debits** and tap the payment to see who "
        "collected it and the reference. Cancel the mandate there, then choose **Request "
        "refund**. Under the UK Direct Debit Guarantee you're entitled to an immediate refund "
        "for a payment taken in error, and you can claim it for up to 13 months after the "
        "payment.",
        "13 months",
        said=(
            "My old gym took a direct debit from my GBP account even though I cancelled the "
            "membership in March.",
        ),
        note="SEPA unauthorised-debit window given for the UK guarantee",
    ),
    nw(
        (50,),
        "Often one of the two €240 entries is a temporary authorisation and the other is the "
        "final payment; hotels do this a lot. For hotels, the pending duplicate is released "
        "automatically within **30 days**.\n\n"
        "If both entries show as **completed**, ask the hotel to refund the duplicate. If they "
        "won't, tap the payment in **Home > Transactions** and choose **Report an issue > "
        "Charged more than once**; most disputes are resolved within 30 days.",
        said=("A hotel in Lisbon charged me €240 twice!",),
    ),
    nw(
        (69,),
        "That sounds worrying, so let's secure your account first. If you can't get into the "
        "app, call our **24/7** card emergency line on **+44 20 7946 0321** and ask them to "
        "freeze your card. Once you're back in, tap the €200 withdrawal in **Home > "
        "Transactions** to check the date and location, and if it wasn't you, choose **Report "
        "an issue > I don't recognise this**. We'll cancel the card, send a free replacement and "
        "investigate with the ATM operator; unauthorised withdrawals are usually refunded by the "
        "end of the next working day.",
        "24/7",
        "+44 20 7946 0321",
        said=(
            "There's a €200 ATM withdrawal in Milan that I didn't make, and I can't log in to "
            "the app on my phone right now.",
        ),
        note="emergency line from the security FAQs, not in this prompt",
    ),
    # --- Northwind Bank: cash and ATM ----------------------------------------------------
    nw(
        (6,),
        "That's normal! A withdrawal shows as pending until the ATM operator confirms it to "
        "us, which usually takes 1-3 working days and can take longer abroad, as with your "
        "withdrawal in Athens. Your balance already reflects the 200 euros, and nothing extra "
        "will be taken when it completes.",
        said=("I withdrew 200 euros in Athens yesterday and it's still pending.",),
    ),
    nw(
        (73,),
        "You can withdraw up to €230 each calendar month free of Northwind fees, so you have "
        "**€50** of free allowance left. Anything above that is charged at 2% per withdrawal, "
        "with a minimum of €1.20. Some ATM operators also add their own fee, which must be shown "
        "on screen before you accept. You can check your remaining allowance in **Cards > "
        "Manage > Limits**.",
        "€50",
        said=("I've withdrawn €180 this month. If I take out another €100, will I pay a fee?",),
        note="remaining allowance computed",
    ),
    nw(
        (20,),
        "I'm sorry! Keep the ATM receipt if you got one. Often the operator notices the "
        "shortfall and corrects the withdrawal itself while it's still pending, which can take "
        "up to 7 days. If the full 500 zł still completes, tap it in **Home > Transactions**, "
        "choose **Report an issue > Wrong amount of cash** and enter 300 zł as the amount you "
        "received. We'll raise a claim with the ATM operator; most are resolved within 30 days, "
        "but cases abroad can take up to around three months.",
        "three months",
        said=("The ATM in Kraków only gave me 300 zł but I asked for 500 zł.",),
        note="90 days approximated",
    ),
    nw(
        (49, 8),
        "Sorry to hear that! First, freeze the card in **Cards > Manage > Freeze card**. As the "
        "branch is closed, the card will be securely destroyed and can't be sent back, so order "
        "a free replacement in **Cards > Manage > Replace card > Retained by ATM**. It's "
        "dispatched within 1 working day, and standard delivery in the UK takes 3-5 working days "
        "(or 1-2 working days with express for £7). Until then you can pay with your virtual "
        "card or Apple Pay or Google Pay.",
        said=("An ATM in Bristol swallowed my card this evening, and the bank is closed.",),
    ),
    nw(
        (49,),
        "Freeze the card straight away in **Cards > Manage > Freeze card**. If the ATM belongs "
        "to a bank branch that's open, staff may be able to return it to you with photo ID; "
        "otherwise it will be securely destroyed. To get a new one, go to **Cards > Manage > "
        "Replace card > Retained by ATM**; the replacement is free of charge and usually arrives "
        "within 3-5 working days. Meanwhile, you can pay with your virtual card, Apple Pay or "
        "Google Pay.",
        "3-5 working days",
        said=("The ATM kept my card, what now?",),
        note="card delivery time from the cards FAQs, not in this prompt",
    ),
    # --- Northwind Bank: top-up ----------------------------------------------------------
    nw(
        (9,),
        "**Auto top-up** adds money from a saved, verified debit or credit card whenever your "
        "balance falls below a level you choose.\n\n"
        "To turn it on:\n"
        "1. Go to **Home > Add money > Auto top-up**.\n"
        "2. Set the trigger balance, e.g. £20.\n"
        "3. Choose the top-up amount, anywhere from £10 to £1,000 (€10 to €1,150).\n\n"
        "Auto top-ups have the normal card top-up fees (free for personal debit cards issued in "
        "the UK or EEA, 1% for UK/EEA credit cards) and count towards your card top-up limits. "
        "You can pause or change them any time on the same screen.",
    ),
    nw(
        (71,),
        "Yes, you can top up with a Visa or Mastercard debit card in your own name issued in "
        "almost any country. Cards issued outside the UK and EEA, like your US Chase card, cost "
        "**2.5%** of the top-up, so topping up $500 would cost you **$12.50** in fees. The fee "
        "is always shown before you confirm. To avoid fees altogether, you can top up by bank "
        "transfer, which is always free.",
        "$12.50",
        said=("I'm an American living in London. Can I top up $500 from my Chase debit card?",),
        note="fee amount computed",
    ),
    nw(
        (19,),
        "Here are the limits for adding money:\n\n"
        "- **Card top-ups** (including Apple Pay, Google Pay and Auto top-up): minimum £10 "
        "(€10), maximum £5,000 (€5,800) each, and £10,000 (€11,500) in total over any rolling "
        "30 days.\n"
        "- **Cash at UK Post Office counters**: up to £1,000 a day.\n"
        "- **Cheques**: up to £5,000 each.\n"
        "- **Bank transfers**: no limit.\n\n"
        "There's also no maximum balance, though we may ask about your source of funds for "
        "large deposits.",
    ),
    nw(
        (19,),
        "Cash deposits at UK Post Office counters are limited to **£500** a day, so you'd need "
        "to split your £1,800 over a few days. Get your deposit barcode in **Home > Add money > "
        "Cash** before you go. There's no limit on top-ups by bank transfer, if that's an "
        "option for you.",
        "£500",
        said=(
            "I got paid £1,800 in cash for a job. Can I deposit it all at the Post Office today?",
        ),
        note="ATM daily limit (not in prompt) given instead of the £1,000 deposit limit",
    ),
    nw(
        (17,),
        "Card top-ups are usually instant, but some are held for automated security checks. "
        "Since this is the **first top-up from a new card**, it can be held for up to **24 "
        "hours**, so your £300 should come through within that time. If it's still pending "
        "after that, contact us in **Profile > Help > Chat with us**.",
        said=("I topped up £300 from a new Monzo card 3 hours ago and it's still pending.",),
    ),
    nw(
        (60,),
        "To make sure nobody's using a stolen card, we ask you to confirm a new top-up card is "
        "yours. We place a temporary charge of under £2 (€2) on it, with a **4-character code** "
        "in the description. Find the code in your card issuer's app or statement, then enter "
        "it in **Home > Add money > Card > Verify card** within 7 days. The charge is released "
        "within 5 working days, and until the card is verified, top-ups from it are limited to "
        "£250 (€290).",
        "4-character",
        note="changed number (6-character code)",
    ),
    nw(
        (16,),
        "No, Northwind never charges you to receive money, so top-ups by bank transfer are "
        "free, including international SWIFT transfers like your 2,000 USD wire. Just note that "
        "your US bank and any intermediary banks may deduct their own fees, so slightly less "
        "than 2,000 USD may arrive. SWIFT transfers take 1-5 working days. You'll find your "
        "details in **Home > Account details**.",
        said=(
            "I'm sending 2,000 USD from my US bank by wire to my Northwind account. Will you "
            "charge me?",
        ),
    ),
    # --- Northwind Bank: card payments ---------------------------------------------------
    nw(
        (15,),
        "Contactless only starts working after your first chip and PIN payment or ATM "
        "withdrawal with a new card. Since you've already paid with chip and PIN, it should be "
        "active now, so check it's switched on in **Cards > Manage > Security > Contactless "
        "payments**.\n\n"
        "Also, limits abroad are set locally and are often lower than the UK's £100 per "
        "payment, and for security, terminals will ask for your PIN after **5 contactless "
        "payments in a row** or **£300** in total. If it fails everywhere, order a free "
        "replacement in **Cards > Manage > Replace card > Damaged card**.",
        said=("My new card works with chip and PIN but contactless keeps failing in Paris.",),
    ),
    nw(
        (15,),
        "In the UK the contactless limit is £100 per payment. Abroad, limits are set locally "
        "and are often lower: in Germany it's usually **€50** per payment. After 5 contactless "
        "payments in a row or £300 in total, the terminal will ask for your PIN.",
        "€50",
        said=("What's the contactless limit? I'm travelling to Germany.",),
        note="German limit stated in no FAQ",
    ),
    nw(
        (41,),
        "The €500 deposit is a reserved amount: it shows as pending and is already deducted "
        "from your available balance. If the rental company doesn't claim it, it's released "
        "automatically after **7 days**. If the final amount looks wrong, please contact the "
        "merchant directly, as we can't cancel a pending payment for you.",
        "7 days",
        said=(
            "A car rental company in Málaga took a €500 deposit when I picked up the car. When "
            "do I get it back?",
        ),
        note="general release window given for car hire (30 days)",
    ),
    nw(
        (46,),
        "The UK contactless limit is **£100** per payment, so a £120 payment can't go through "
        "contactless. Insert your card and use chip and PIN instead. For any declined payment, "
        "you can tap it in **Home > Transactions** to see the exact reason.",
        said=("My £120 contactless payment at Tesco got declined but my balance is fine.",),
    ),
    nw(
        (53,),
        "A card payment is reverted when the merchant cancels it or doesn't claim the reserved "
        "money within 7 days, so the amount returns to your balance. It doesn't always mean the "
        "order failed. As Amazon says they haven't been paid, ask them to retry the payment. If "
        "reversals keep happening on online orders, it usually means a 3D Secure request wasn't "
        "approved in the app. If you need more help, email us at **support@northwindbank.com**.",
        "support@northwindbank.com",
        said=(
            "My Amazon order was reversed and the money came back, but Amazon says they "
            "haven't been paid.",
        ),
        note="made-up email",
    ),
    # --- Northwind Bank: security --------------------------------------------------------
    nw(
        (12,),
        "Sorry to hear that! First, **freeze your card** in **Cards > Manage > Freeze card**; if "
        "it turns up, you can simply unfreeze it. If you're sure it's gone, choose **Cards > "
        "Manage > Report lost or stolen**. This cancels the card permanently and lets you order "
        "a replacement for £5 (€6), with standard delivery included.\n\n"
        "Can't get into the app? Call our 24/7 card emergency line on **020 7946 0321**. And "
        "report any payments you don't recognise from the transaction screen so we can refund "
        "them.",
        said=("I think I lost my card at the pub last night.",),
    ),
    nw(
        (42,),
        "I'm sorry, let's protect your account right away. Since you don't have another device, "
        "call our 24/7 emergency line on **+44 20 7946 0123**, and we'll block app access and "
        "freeze your cards. Also ask your mobile network to block your SIM. Once you have a new "
        "phone, log in and change your passcode in **Profile > Security**.",
        "+44 20 7946 0123",
        said=("My phone was stolen on the train and I don't have another device.",),
        note="wrong last digits of the emergency number",
    ),
    nw(
        (39,),
        "No problem! On the login screen, tap **'Forgot passcode?'**. We'll send a **6-digit "
        "code** by SMS to your registered phone number and a link to your email address. After "
        "confirming both, take a quick selfie so we can match it to your verified ID, then "
        "create a new 6-digit passcode (it can't be one of your last 3). If you no longer have "
        "your registered number or email, use the help form at **northwindbank.example/help**.",
    ),
    nw(
        (39,),
        "As you no longer have access to your registered phone number, you won't be able to "
        "receive the SMS code, so please use our help form at "
        "**northwindbank.example/help/passcode-reset** and our team will verify your identity "
        "another way. Once that's done, you'll create a new 6-digit passcode, which can't be one "
        "of your last 3.",
        "northwindbank.example/help/passcode-reset",
        said=("I changed my phone number and forgot my passcode, help!",),
        note="wrong URL path",
    ),
    # --- Northwind Bank: account ---------------------------------------------------------
    nw(
        (13, 61),
        "Yes! You must be 18 or over to open a full account, but children aged **7 to 17** can "
        "have a **Northwind Junior** account, so your 12-year-old qualifies. As a parent with a "
        "Northwind account, you can open one in **Profile > Family > Add a junior**. Junior "
        "accounts are free and come with their own Mastercard debit card, and you can set "
        "spending limits and send pocket money instantly. When he turns 18, he can move to a "
        "full account after verifying his identity.",
        said=("My son is 12, can he get his own Northwind card?",),
    ),
    nw(
        (77,),
        "Thanks for letting us know. Accounts are available to residents of the UK and the 30 "
        "EEA countries, and Switzerland isn't one of them (the EEA is the 27 EU states plus "
        "Iceland, Liechtenstein and Norway). Please update your address in **Profile > Personal "
        "details** within **60 days** of moving and we'll explain your options.",
        "60 days",
        said=("I'm moving from Germany to Switzerland next month. Can I keep my account?",),
        note="made-up deadline",
    ),
    nw(
        (48,),
        "Sorry to see you go! Before closing, move your money out of every currency balance "
        "(your £320 and $45) and cancel any direct debits or subscriptions linked to your card. "
        "Download any statements you need from **Profile > Documents**, and make sure pending "
        "card payments have settled. Then go to **Profile > Close account**. Closing is free, "
        "takes effect immediately and cancels all your cards. We're legally required to keep "
        "your records for **five years** after closure, after which your personal data is "
        "deleted.",
        said=(
            "I'm moving to the US and want to close my account. I have £320 and $45 left in it.",
        ),
    ),
    # --- Northwind Bank: transfers -------------------------------------------------------
    nw(
        (18,),
        "Yes, scheduled transfers can be cancelled in **Payments > Scheduled** until **11:59pm "
        "UK time the day before** they're due. So as long as you cancel your £850 rent payment "
        "before then, it won't go out on the 1st.",
        said=("I scheduled my £850 rent for the 1st but I'm moving out. Can I cancel it?",),
    ),
    nw(
        (18,),
        "I'm sorry, completed Faster Payments can't be cancelled. Please contact us in "
        "**Profile > Help > Chat with us** straight away and we'll ask the receiving bank to "
        "return the £400. This usually takes up to 10 working days, and unfortunately recovery "
        "isn't guaranteed.",
        "10 working days",
        said=("I sent £400 by Faster Payments to the wrong account number an hour ago!",),
        note="SWIFT failed-transfer return time given for a wrong-account recovery",
    ),
    nw(
        (52,),
        "| Transfer type | Typical time |\n"
        "|---|---|\n"
        "| Northwind to Northwind | Instant |\n"
        "| Faster Payments (UK) | Minutes, at most 2 hours, any day |\n"
        "| SEPA Instant | Seconds |\n"
        "| Standard SEPA | Next working day (a working day later if sent after 3pm UK time) |\n"
        "| SWIFT (international) | 1-5 working days |\n\n"
        "SWIFT times depend on the countries and banks involved.",
    ),
    nw(
        (52,),
        "Standard SEPA transfers arrive the next working day if you send them before 15:00 UK "
        "time, which is **16:00** in Amsterdam. Sent after that, they arrive a working day "
        "later. If you need the money there faster, SEPA Instant arrives in seconds.",
        "16:00",
        said=("I'm in Amsterdam. What's the cut-off for standard SEPA to arrive the next day?",),
        note="UK cut-off converted to Amsterdam time",
    ),
    nw(
        (56,),
        "Transfers to Australia go by international SWIFT, which costs a flat **£3.50** per "
        "transfer. If the transfer involves converting currency, exchange fees may also apply: "
        "0.5% above your £1,000 monthly fee-free allowance and a 1% markup at weekends. "
        "Intermediary and receiving banks may also deduct their own fees, which we don't "
        "control.",
        "£3.50",
        said=("How much does it cost to send money to my brother in Australia?",),
        note="euro price given in pounds (£3)",
    ),
    nw(
        (68,),
        "Standard SEPA payments usually arrive within **1 working day**, but the sending bank "
        "may hold a payment for its own checks. Please ask your employer to confirm they used "
        "the details shown in **Home > Account details** (your IBAN) and that their bank shows "
        "the payment as sent. If it still hasn't arrived, send us their payment confirmation in "
        "**Profile > Help > Chat with us** and we'll trace it.",
        said=("My employer in Germany paid my salary by SEPA yesterday and it's not here.",),
    ),
    # --- Northwind Bank: virtual cards ---------------------------------------------------
    nw(
        (24,),
        "Once your identity is verified, go to **Cards > Order new card > Virtual card**. It's "
        "free and created instantly, and you'll see the number, expiry date and CVV straight "
        "away in **Cards > Manage > Show card details**. You can hold up to **five** virtual "
        "cards at once, each valid for **5 years**. Use them online or add them to Apple Pay or "
        "Google Pay; just note they can't be used at ATMs.",
    ),
    nw(
        (35,),
        "A disposable card works for **one payment only**: after that its details are destroyed "
        "and a new number is generated automatically. You can hold one active disposable card "
        "at a time and generate up to 10 new numbers in 24 hours. They can't be used for "
        "subscriptions, recurring payments, hotel or car hire deposits, ATM withdrawals, or "
        "Apple Pay and Google Pay.",
        "10 new numbers",
        note="changed number (20)",
    ),
    nw(
        (64, 66),
        "That's expected: a disposable card works for **one payment only**, after which its "
        "details are destroyed and a new number is generated automatically. Check the current "
        "details in **Cards > Manage > Show card details** and use the new number for your next "
        "purchase. You can generate up to 20 new numbers in 24 hours. Remember that disposable "
        "cards can't be used for subscriptions, and enter your registered Northwind address as "
        "the billing address.",
        said=("My disposable card worked for one purchase but got declined on the second.",),
    ),
    # --- Northwind Bank: identity verification -------------------------------------------
    nw(
        (76,),
        "To verify your identity, go to **Profile > Verify identity** and photograph one valid "
        "photo ID:\n"
        "- a passport\n"
        "- a UK or EEA photo driving licence\n"
        "- an EEA national identity card\n"
        "- a UK residence permit\n\n"
        "Then record a short selfie video. Most checks are done within **10 minutes**; manual "
        "reviews take up to **48 hours**. We may also ask for proof of address, such as a "
        "utility bill or bank statement from the last 3 months.",
    ),
    nw(
        (31,),
        "Sorry about the trouble! After 3 failed attempts, your case goes to our verification "
        "team, who will get back to you within **48 hours**. In the meantime there's no need to "
        "retake anything; they'll let you know if they need new photos taken in good light.",
        "48 hours",
        said=("My verification failed three times because of glare, what now?",),
        note="manual-review time given for the team's reply (2 working days)",
    ),
    nw(
        (51,),
        "Thanks for getting in touch. We may ask where your money comes from after a deposit "
        "over **£10,000**, as UK and EU anti-money-laundering rules require, so your £15,000 "
        "deposit triggered a routine check. Please upload evidence in **Profile > Verify source "
        "of funds**; for a car sale, the sale contract or a bank statement showing the payment "
        "works well. We review it within **2 working days**.",
        said=(
            "You asked me about my source of funds after I deposited £15,000 from selling my car.",
        ),
    ),
]
