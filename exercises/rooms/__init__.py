"""Live practice rooms: a cohort (or anyone with a join code) practises a consent round or a
sociocratic election together, in real time, on the consent engine.

The database is the authority: every action is an engine event appended to the room's log
under a row lock (`services`); Channels (`consumers`) only carries the news that the log
grew, and the polling view (`views.live`) shows the same state to those without WebSockets.
"""
