"""Operations on consultation rounds, inputs, themes and responses (explicit actor, flush, audit).

``rounds``: prepare, announce, open, close, publish, and keep the plan in step;
``participants``: registration and consent; ``inputs``: submit, withdraw, record offline,
promote a comment, hide; ``themes``: group and merge; ``responses``: the reasoned responses.
"""
