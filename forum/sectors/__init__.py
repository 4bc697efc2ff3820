"""Sectors of society and their organisations: the bottom area, below accounts and seats.

No pages of its own: the secretariat manages sectors and organisations on the members pages
(:mod:`forum.members.routes`), which sit above accounts.
"""
