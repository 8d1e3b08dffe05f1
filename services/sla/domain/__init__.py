"""Pure SLA rules: business calendars and due-date computation (issue 5)."""
