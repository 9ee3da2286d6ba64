"""Before the first letter: collective consultation, HR1, members' appointments and equality.

A restructure that deletes posts, or re-establishes them with re-selection, proposes dismissals in
law (TULRCA 1992 s.195). This package works out who is at risk, the consultation each phase needs
(s.188) and by when, which appointments members make (LGHA 1989 s.2 and the Standing Orders
Regulations 2001), and the equality analysis Cabinet must have regard to (Equality Act 2010 s.149).
Nothing here stores a protected characteristic: HR's file is read at analysis time and only
aggregates leave it.
"""
