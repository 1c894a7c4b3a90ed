"""What a user sees: the documents behind every output, Rich cards, the decision record, prompts.

It turns ids and numbers from ``advice`` and ``cost`` into catalog words; it never parses argv.
"""
