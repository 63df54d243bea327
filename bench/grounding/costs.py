"""What a selection costs in model tokens and dollars, at gpt-4o-mini list prices.

Everything here is a fixed, stated estimate except the FAQ block, which is measured. A
conversation is 8 customer messages, each answered once; the prompt of message n carries
the n-1 earlier exchanges as history (at most 7 x 170 tokens, inside
HISTORY_TOKEN_BUDGET=1500, so nothing is trimmed).
"""

from dataclasses import dataclass

INPUT_DOLLARS_PER_TOKEN = 0.15 / 1_000_000
OUTPUT_DOLLARS_PER_TOKEN = 0.60 / 1_000_000
# The system prompt without FAQ entries (persona, rules, scope refusal, block markers):
# app.support.prompts.system_prompt(business, []) measured 220 tokens in o200k_base.
PERSONA_AND_RULES_TOKENS = 220
MESSAGE_TOKENS = 25  # a customer message
REPLY_TOKENS = 145  # a reply: the assumed output per model call
FRAMING_TOKENS = 3  # Chat Completions' overhead per message, and once per prompt
MESSAGES_PER_CONVERSATION = 8
# The seed's estimate, for comparison: 8 requests of 1,200 input tokens each.
SEED_DOLLARS_PER_1000 = 1.44


@dataclass(frozen=True)
class Cost:
    prompt_tokens_per_turn: float  # mean over the conversation's 8 model calls
    input_dollars_per_1000: float  # per 1,000 conversations, input tokens only (as the seed)
    total_dollars_per_1000: float  # input and output


def conversation_cost(faq_block_tokens: float) -> Cost:
    prompts = []
    for earlier in range(MESSAGES_PER_CONVERSATION):
        history = earlier * (MESSAGE_TOKENS + REPLY_TOKENS)
        framing = FRAMING_TOKENS * (2 + 2 * earlier) + FRAMING_TOKENS  # system, history, new
        prompts.append(
            PERSONA_AND_RULES_TOKENS + faq_block_tokens + history + MESSAGE_TOKENS + framing
        )
    input_dollars = sum(prompts) * INPUT_DOLLARS_PER_TOKEN * 1000
    output = MESSAGES_PER_CONVERSATION * REPLY_TOKENS * OUTPUT_DOLLARS_PER_TOKEN * 1000
    return Cost(sum(prompts) / len(prompts), input_dollars, input_dollars + output)
