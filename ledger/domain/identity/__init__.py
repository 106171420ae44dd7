"""Who may act: users, bodies, the roles granted to them, and the tokens users sign in with."""
