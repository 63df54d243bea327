"""Demo knowledge base for a fictional outdoor-gear shop (`flask --app wsgi seed-demo`)."""

DEMO_FAQS: list[dict[str, str]] = [
    {
        "category": "returns",
        "question": "How do I return an item?",
        "answer": (
            "You can return unused items within 30 days of delivery. Start a return from "
            "**Orders > Return an item**, print the prepaid label, and drop the parcel at any "
            "post office. We refund to your original payment method within 5 working days of "
            "receiving it."
        ),
    },
    {
        "category": "returns",
        "question": "Can I exchange an item for a different size?",
        "answer": (
            "Yes. Choose **Exchange** instead of Refund when you start the return, pick the new "
            "size, and we ship it as soon as the original is scanned at the post office."
        ),
    },
    {
        "category": "returns",
        "question": "What if my item arrives damaged or faulty?",
        "answer": (
            "Sorry about that! Send us a photo through **Orders > Report a problem** within 14 "
            "days and we will send a replacement or a full refund, including shipping."
        ),
    },
    {
        "category": "shipping",
        "question": "How long does shipping take?",
        "answer": (
            "Standard shipping takes 3-5 working days and is free on orders over $50. Express "
            "shipping takes 1-2 working days and costs $12."
        ),
    },
    {
        "category": "shipping",
        "question": "How can I track my order?",
        "answer": (
            "As soon as your order ships we email you a tracking link. You can also find it under "
            "**Orders** in your account."
        ),
    },
    {
        "category": "shipping",
        "question": "Do you ship internationally?",
        "answer": (
            "We ship to Canada and Mexico. International delivery takes 7-12 working days; duties "
            "and taxes are shown at checkout."
        ),
    },
    {
        "category": "products",
        "question": "Are your tents waterproof?",
        "answer": (
            "All our tents have a 3000 mm waterproof flysheet and taped seams, and are tested in "
            "heavy rain. Re-proof the flysheet every couple of seasons to keep it that way."
        ),
    },
    {
        "category": "products",
        "question": "How do I choose the right size of hiking boots?",
        "answer": (
            "Measure your foot in the afternoon and use the size chart on each product page. "
            "Leave a thumb's width at the toe; if you are between sizes, go up half a size."
        ),
    },
    {
        "category": "products",
        "question": "Do your products come with a warranty?",
        "answer": (
            "Every product has a 2-year warranty against manufacturing defects. Backpacks and "
            "tents from our own Trailhead range are covered for life."
        ),
    },
    {
        "category": "products",
        "question": "Do you sell gift cards?",
        "answer": (
            "Yes, digital gift cards from $25 to $250 are emailed instantly and never expire."
        ),
    },
]
