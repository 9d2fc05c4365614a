import cohorts.viewsets  # noqa: F401  (registers the Cohorts admin in /beheer/)
