"""The org model: posts, structures, edits, rules, metrics and layout. Pure Python and networkx, no Qt."""
