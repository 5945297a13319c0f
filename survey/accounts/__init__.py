"""Accounts: staff users, their roles and the sites they may see."""
