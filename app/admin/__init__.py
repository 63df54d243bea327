"""The staff back office (Flask-Admin)."""

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme

from app.admin.api_keys import ApiKeyView
from app.admin.conversations import ConversationView
from app.admin.dashboard import Dashboard, HelpView
from app.admin.drafts import DraftView
from app.admin.flagged import FlaggedView
from app.admin.sites import SiteView
from app.admin.staff import StaffUserView
from app.admin.tickets import TicketView
from app.admin.unanswered import UnansweredView
from app.admin.views import CategoryKeywordsView, FaqView
from app.extensions import db
from app.models import ApiKey, CategoryKeywords, ChatSession, Faq, Message, Site, StaffUser, Ticket


def init_admin(app: Flask) -> Admin:
    # Built per app rather than shared from extensions.py: Flask-Admin keeps its views on
    # the Admin object, and a shared one would collect duplicates across app instances.
    admin = Admin(
        app,
        name=f"{app.config['BUSINESS_NAME']} support",
        index_view=Dashboard(name="Dashboard", url="/admin"),
        theme=Bootstrap4Theme(base_template="admin/portal_base.html"),
    )
    admin.add_view(TicketView(Ticket, db, name="Tickets"))
    admin.add_view(ConversationView(ChatSession, db, name="Conversations", endpoint="conversation"))
    admin.add_view(FaqView(Faq, db, name="FAQs"))
    admin.add_view(DraftView(Faq, db, name="FAQ drafts", endpoint="draft"))
    admin.add_view(CategoryKeywordsView(CategoryKeywords, db, name="Category keywords"))
    admin.add_view(UnansweredView(Message, db, name="Unanswered questions", endpoint="unanswered"))
    admin.add_view(FlaggedView(Message, db, name="Details to confirm", endpoint="flagged"))
    admin.add_view(StaffUserView(StaffUser, db, name="Staff accounts", endpoint="staff"))
    admin.add_view(SiteView(Site, db, name="Sites (widget)", endpoint="site"))
    admin.add_view(ApiKeyView(ApiKey, db, name="API keys", endpoint="apikey"))
    admin.add_view(HelpView(name="Help", endpoint="help"))
    return admin
