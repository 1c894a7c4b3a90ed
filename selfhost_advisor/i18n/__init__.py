"""The words: locale catalogs, how the user's language is chosen, and honest partial translations.

The bottom layer above ``errors``: it imports no other part of the advisor.
"""
