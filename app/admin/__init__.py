"""The staff back office (Flask-Admin)."""

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme

from app.admin.views import CategoryKeywordsView, FaqView, SecureIndexView, UnansweredView
from app.extensions import db
from app.models import CategoryKeywords, Faq, Message


def init_admin(app: Flask) -> Admin:
    # Built per app rather than shared from extensions.py: Flask-Admin keeps its views on
    # the Admin object, and a shared one would collect duplicates across app instances.
    admin = Admin(
        app,
        name=f"{app.config['BUSINESS_NAME']} support",
        index_view=SecureIndexView(url="/admin"),
        theme=Bootstrap4Theme(base_template="admin/portal_base.html"),
    )
    admin.add_view(FaqView(Faq, db, name="FAQs"))
    admin.add_view(CategoryKeywordsView(CategoryKeywords, db, name="Category keywords"))
    admin.add_view(UnansweredView(Message, db, name="Unanswered questions", endpoint="unanswered"))
    return admin
