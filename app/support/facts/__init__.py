"""No invented facts: the concrete facts of a reply that no source supports (issue 19).

A fact is a number, an amount of money, a duration, a percentage, a date or a time, a URL,
an email address or a phone number. `unsupported_facts(reply, sources)` returns the facts
of a finished reply that appear in none of its sources: the FAQs that were in the prompt
(question and answer) and the conversation's earlier messages.

Both sides are reduced to canonical values, so formatting does not matter:

- money: "$12" = "12 dollars" = "USD 12" = "$12.00"; "£5", "5 pounds", "5 quid", "50p";
  "€5", "5 euros"; "£1,000" = "£1000"; "£5k". The currency must match: "$5" is not "£5".
- percentages: "5%" = "5 percent" = "five per cent". Only a percentage supports one.
- durations: "30 days" = "thirty days" = "30-day" = "30 calendar days"; "2 weeks" =
  "14 days" = "fortnight"; "48 hours" = "2 days"; "1 year" = "12 months". Working days
  ("working", "business", "banking", "weekdays") are their own unit: a reply may drop
  the word ("3-5 days" from "3-5 working days") but may not add it ("5 working days"
  from "within 5 days" is a different promise), and working days never convert to hours
  or weeks. In a source, "a day", "next working day", "monthly" and "24/7" count as the
  one unit they name.
- ranges: "3-5", "3–5", "3 to 5", "between 3 and 5" are one fact, supported by the same
  range in a source (with the same unit, or with none: "5-8 in the rest of the EEA").
  A single value is supported by the top of a range only after "up to", "within", "at
  most", "no more than", "under" ("within 5 working days" from "3-5 working days");
  "takes 5 working days" or "within 3 working days" is not, nor is a range with other
  numbers ("2-4 days" for "3-5") or a range whose two ends a source mentions apart.
- numbers: "1,000" = "1000" = "1000.00"; a plain number in the reply is supported by
  the same value in a source, alone or as part of a price, a duration, a range or a date
  ("15 in the EEA" from "15 working days (EEA)"). Number words count only with a unit
  ("thirty days", "five per cent", "two hundred and fifty dollars"): alone ("one of our
  team", "two options") they are not facts. Ordinals: "1st" = 1. "18 years old" is an age (18).
- dates: "1 March", "1st of March", "March 1st", "2026-03-01", "01/03/2026" (either
  order of day and month); a year in the reply must match a year in the source, if the
  source gives one. Times: "9am" = "9:00" = "09:00"; "5pm" = "17:00" (kind "time").
- URLs: case-insensitive, without scheme, "www.", trailing "/" or punctuation; a bare
  domain is supported by any URL or email address on it; a path must match.
- emails: case-insensitive. Phone numbers: digits only, ignoring spaces, dashes, dots
  and parentheses; "+44 20 7946 0321" = "020 7946 0321" = "(0)20 7946 0321"; an ending
  of 7 digits or more of a source's number is supported.

Topic: a number, amount, duration, percentage or time from an FAQ supports the reply's
only on the same topic. Each figure of a source is kept with the content words of its
sentence, the sentence before and its FAQ's question (what it is about), and with those
of its sentence alone; a figure of the reply is judged by the words of its clause (cut at
",", ";", ":", brackets, dashes and before "and", "or", "but"):

- it is supported when a figure stating its value shares at least as many of those
  words (and one at least) as the sentence of any figure of the same kind stating
  another value;
- it is not supported when such another figure's sentence shares more, at the level of
  the reply's clause and again of its sentence: "Express delivery costs $50" is closer to
  "Express shipping ... costs $12" than to "free on orders over $50", and "An extra
  physical card costs £7 with standard delivery" is closer to the extra card's £5 than
  to the express £7 of the card-ordering FAQ;
- when neither shares a word, the whole FAQ decides: the reply's sentence (its paragraph,
  when the sentence has under 3 content words) must share a content word with the FAQ
  that states the value, so "Re-proof the flysheet every 2 years" is not supported by
  "a 2-year warranty".

Messages passed as `conversation`, and a source without content words, support by value
alone.

Not facts: ordered-list markers ("1." at a line's start), citation markers ("[FAQ 12]",
"[1]", "FAQ 3"), "step 2", "option 1", "24/7", "3rd party", digits inside words
("3D Secure", "A4") and inside a URL, email address or phone number (part of that fact).

What it cannot see (docs/benchmarks.md, "Fact check"): a figure that the prompt states
for another thing, when the words around it do not tell the two apart ("Top-ups with a
UK credit card cost 2.5%", the fee for non-UK cards, stated in the same sentence as the
UK fee; "released after 7 days" for a car-hire deposit, which the same sentence gives 30).
In replies written by other authors these were about 1 in 5 of the invented facts, and it
caught about a third of them; telling them apart needs the meaning of the sentence. Nor
durations without a number ("within a week"), or numbers written as words without a unit
("three attempts").

Pure Python and regular expressions: about 0.1 ms for a typical reply; a source's facts
are computed once per distinct text and kept (`sources._source_index`, LRU, 4,096 texts).

Modules: `values` (numbers, units, currencies), `patterns` (what a fact looks like),
`extract` (`Fact`, `facts_in`: the facts of a text and their keys), `topic` (the words
around a fact), `sources` (a source's facts and their words, cached), `check`
(`unsupported_facts`).
"""

from app.support.facts.check import unsupported_facts
from app.support.facts.extract import KINDS, Fact, facts_in

__all__ = ["KINDS", "Fact", "facts_in", "unsupported_facts"]
