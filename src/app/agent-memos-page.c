/* agent-memos-page.c — memos per number, and the agent's follow-ups
 *
 * "Memos" is the timeline of one number (search it), newest first and paged from the server
 * with getMemos; with no number it shows the agent's own latest memos. "My follow-ups" lists
 * the agent's reminders (AgentReminders), the next one first. A new memo, with or without a
 * reminder, goes through the outbox (addMemo); its reminder is also kept on this desktop so
 * that it fires on time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-memos-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-memos-page.h"
#include "agent-outbox.h"
#include "agent-page.h"
#include "agent-paged-model.h"
#include "agent-phone.h"
#include "agent-popup-manager.h"
#include "agent-reminders.h"
#include "agent-trace.h"
#include "agent-window.h"

#define PAGE_SIZE 30

struct _AgentMemosPage
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkBox           *main_box;
  GtkSearchEntry   *search_entry;
  GtkToggleButton  *compose_button;
  GtkEntry         *number_entry;
  GtkTextView      *text_view;
  GtkCheckButton   *remind_check;
  GtkMenuButton    *date_button;
  GtkCalendar      *calendar;
  GtkSpinButton    *hour_spin;
  GtkSpinButton    *minute_spin;
  GtkEntry         *remind_phone_entry;
  GtkLabel         *compose_error;
  GtkStack         *view_stack;
  GtkStack         *notes_stack;
  GtkStack         *followups_stack;
  AdwStatusPage    *empty_page;
  AdwStatusPage    *error_page;
  GtkLabel         *notes_title;
  GtkListView      *notes_view;
  GtkListView      *followups_view;
  GtkNoSelection   *notes_selection;
  GtkNoSelection   *followups_selection;

  /* Owned */
  AgentPagedModel  *memos;
  AgentSession     *session;
  BbhClient        *client;
  AgentOutbox      *outbox;
  AgentReminders   *reminders;
  GCancellable     *cancellable;
  char             *phone;

  guint             waiting : 1;
  guint             saving : 1;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentMemosPage, agent_memos_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

/* ---- row closures ---- */

static char *
format_when (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, as in “Today 09:30”; see strftime(3). */
    return g_date_time_format (when, _("Today %H:%M"));
  /* Translators: a date and time, see strftime(3). */
  return g_date_time_format (when, _("%x %H:%M"));
}

static char *
memo_time_cb (GtkListItem *item,
              const char  *time)
{
  g_autoptr(GDateTime) when = agent_reminders_parse_server_time (time);

  if (when == NULL)
    return g_strdup (time != NULL ? time : "");
  return format_when (when);
}

static char *
memo_who_cb (GtkListItem *item,
             BbhMemo     *memo)
{
  const char *phone, *name, *agent;
  GString *who;

  if (memo == NULL || agent_paged_model_is_placeholder (memo))
    return g_strdup ("");

  phone = bbh_memo_get_phone (memo);
  name = bbh_memo_get_phone_name (memo);
  agent = bbh_memo_get_extension_name (memo);
  if (agent == NULL || *agent == '\0')
    agent = bbh_memo_get_extension (memo);

  who = g_string_new (phone != NULL ? phone : "");
  if (name != NULL && *name != '\0')
    g_string_append_printf (who, " (%s)", name);
  if (agent != NULL && *agent != '\0')
    /* Translators: who wrote a memo, after the number it is about. */
    g_string_append_printf (who, _(" · by %s"), agent);
  return g_string_free (who, FALSE);
}

static gboolean
memo_has_reminder_cb (GtkListItem *item,
                      BbhMemo     *memo)
{
  g_autofree char *hint = NULL;

  if (memo == NULL || agent_paged_model_is_placeholder (memo))
    return FALSE;
  hint = bbh_memo_dup_field (memo, "nhtIsHint");
  return g_strcmp0 (hint, "1") == 0;
}

static char *
memo_reminder_cb (GtkListItem *item,
                  BbhMemo     *memo)
{
  g_autofree char *time = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *when_text = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (!memo_has_reminder_cb (item, memo))
    return g_strdup ("");

  time = bbh_memo_dup_field (memo, "nhtTime");
  phone = bbh_memo_dup_field (memo, "nhtPhone");
  when = agent_reminders_parse_server_time (time);
  when_text = when != NULL ? format_when (when) : g_strdup (time != NULL ? time : "");
  if (phone == NULL || *phone == '\0')
    /* Translators: a memo's reminder; %s is a date and time. */
    return g_strdup_printf (_("Reminder %s"), when_text);
  /* Translators: a memo's reminder; a date and time, then the number to call. */
  return g_strdup_printf (_("Reminder %s, call %s"), when_text, phone);
}

static char *
reminder_icon_cb (GtkListItem *item,
                  gboolean     fired)
{
  return g_strdup (fired ? "object-select-symbolic" : "alarm-symbolic");
}

static char *
reminder_title_cb (GtkListItem   *item,
                   AgentReminder *reminder)
{
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *when = NULL;
  g_autofree char *number = NULL;

  if (reminder == NULL)
    return g_strdup ("");

  due = agent_reminder_dup_due (reminder);
  when = format_when (due);
  number = agent_phone_format (agent_reminder_get_phone (reminder));
  if (g_strcmp0 (agent_reminder_get_phone (reminder),
                 agent_reminder_get_customer_phone (reminder)) != 0)
    /* Translators: a follow-up: when, the number to call, the number the memo is about. */
    return g_strdup_printf (_("%s · call %s (about %s)"), when, number,
                            agent_reminder_get_customer_phone (reminder));
  /* Translators: a follow-up: when, then the number to call. */
  return g_strdup_printf (_("%s · call %s"), when, number);
}

static void
reminder_call_clicked_cb (GtkListItem *item,
                          GtkButton   *button)
{
  AgentReminder *reminder = gtk_list_item_get_item (item);

  if (reminder != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), "app.dial", "s",
                                agent_reminder_get_phone (reminder));
}

/* ---- the list ---- */

static void
fetch_memos (guint                start,
             guint                limit,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             callback_data,
             gpointer             user_data)
{
  AgentMemosPage *self = user_data;

  bbh_client_get_memos_async (self->client, self->phone, start, limit, cancellable,
                              callback, callback_data);
}

static GListModel *
finish_memos (GAsyncResult  *result,
              guint64       *out_total,
              GError       **error,
              gpointer       user_data)
{
  AgentMemosPage *self = user_data;

  return bbh_client_get_memos_finish (self->client, result, out_total, error);
}

static void
show_state (AgentMemosPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->memos));
  g_autofree char *title = NULL;

  if (self->phone != NULL)
    {
      g_autofree char *number = agent_phone_format (self->phone);

      /* Translators: the memos list's title; %s is a phone number. */
      title = g_strdup_printf (_("Memos about %s"), number);
      adw_status_page_set_description (self->empty_page,
                                       _("Nobody wrote a memo about this number yet"));
    }
  else
    {
      title = g_strdup (_("Your latest memos"));
      adw_status_page_set_description (self->empty_page,
                                       _("Search a number to see its memos, or write one"));
    }
  gtk_label_set_label (self->notes_title, title);
  gtk_stack_set_visible_child_name (self->notes_stack, n > 0 ? "list" : "empty");
}

static void
on_memos_loaded_cb (AgentMemosPage *self,
                    guint           start,
                    guint           n_items,
                    AgentPagedModel *model)
{
  if (start != 0)
    return;

  show_state (self);
  if (self->waiting)
    {
      self->waiting = FALSE;
      agent_page_loaded (AGENT_PAGE (self),
                         g_list_model_get_n_items (G_LIST_MODEL (self->memos)));
    }
}

static void
on_memos_error_cb (AgentMemosPage  *self,
                   GError          *error,
                   AgentPagedModel *model)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->memos)) == 0)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->notes_stack, "error");
    }

  if (self->waiting)
    {
      self->waiting = FALSE;
      agent_page_loaded (AGENT_PAGE (self), 0);
    }
}

static void
reload (AgentMemosPage *self)
{
  if (self->client == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->memos)) == 0)
    gtk_stack_set_visible_child_name (self->notes_stack, "loading");
  agent_paged_model_reload (self->memos);
}

/* ---- services ---- */

static void
toast (AgentMemosPage *self,
       const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (AGENT_IS_WINDOW (root))
    agent_window_add_toast (AGENT_WINDOW (root), message);
}

static void
on_delivered_cb (AgentMemosPage  *self,
                 gint64           id,
                 AgentOutboxKind  kind,
                 const char      *phone,
                 AgentOutbox     *outbox)
{
  /* A memo reached the server: show it if it belongs in the list on screen. */
  if (kind == AGENT_OUTBOX_KIND_MEMO && (self->phone == NULL || g_strcmp0 (phone, self->phone) == 0))
    reload (self);
}

static void
update_followups (AgentMemosPage *self)
{
  GListModel *model = gtk_no_selection_get_model (self->followups_selection);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  gtk_stack_set_visible_child_name (self->followups_stack, n > 0 ? "list" : "empty");
}

static void
ensure_services (AgentMemosPage *self)
{
  GApplication *application = g_application_get_default ();

  if (self->outbox == NULL && GTK_IS_APPLICATION (application))
    {
      AgentPopupManager *manager =
        agent_popup_manager_get_for_application (GTK_APPLICATION (application));
      AgentOutbox *outbox = manager != NULL ? agent_popup_manager_get_outbox (manager) : NULL;

      if (outbox != NULL)
        {
          self->outbox = g_object_ref (outbox);
          g_signal_connect_object (outbox, "delivered", G_CALLBACK (on_delivered_cb), self,
                                   G_CONNECT_SWAPPED);
        }
    }

  if (self->reminders == NULL)
    {
      AgentReminders *reminders = agent_reminders_get_for_application (application);

      if (reminders != NULL)
        {
          GListModel *model = agent_reminders_get_model (reminders);

          self->reminders = g_object_ref (reminders);
          gtk_no_selection_set_model (self->followups_selection, model);
          g_signal_connect_object (model, "items-changed", G_CALLBACK (update_followups), self,
                                   G_CONNECT_SWAPPED);
          update_followups (self);
        }
    }
}

/* ---- AgentPage ---- */

static void
agent_memos_page_load (AgentPage    *page,
                       AgentSession *session)
{
  AgentMemosPage *self = AGENT_MEMOS_PAGE (page);

  g_set_object (&self->session, session);
  g_set_object (&self->client, agent_session_get_client (session));
  ensure_services (self);

  if (self->client == NULL)
    {
      agent_page_loaded (page, 0);
      return;
    }

  self->waiting = TRUE;
  reload (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_memos_page_load;
}

/* ---- searching ---- */

static void
set_phone (AgentMemosPage *self,
           const char     *phone)
{
  if (g_strcmp0 (self->phone, phone) == 0)
    return;

  g_free (self->phone);
  self->phone = phone != NULL && *phone != '\0' ? g_strdup (phone) : NULL;
}

static void
on_search_activate_cb (AgentMemosPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *phone = NULL;
  g_autoptr(GError) error = NULL;

  if (*text != '\0')
    {
      phone = agent_phone_normalize (text, &error);
      if (phone == NULL)
        {
          toast (self, error->message);
          return;
        }
    }

  set_phone (self, phone);
  gtk_stack_set_visible_child_name (self->view_stack, "notes");
  if (phone != NULL && gtk_editable_get_text (GTK_EDITABLE (self->number_entry))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->number_entry), phone);
  reload (self);
}

/* ---- composing ---- */

static void
show_compose_error (AgentMemosPage *self,
                    const char     *message)
{
  gtk_label_set_label (self->compose_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->compose_error), message != NULL);
}

static void
on_day_selected_cb (AgentMemosPage *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  /* Translators: the reminder's day on its button, see strftime(3). */
  g_autofree char *label = g_date_time_format (day, _("%a %x"));

  gtk_menu_button_set_label (self->date_button, label);
}

static void
prefill_compose (AgentMemosPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);

  if (gtk_editable_get_text (GTK_EDITABLE (self->number_entry))[0] == '\0' && self->phone != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->number_entry), self->phone);

  /* In an hour, on the quarter, unless the agent chose already. */
  if (!gtk_check_button_get_active (self->remind_check))
    {
      gtk_calendar_select_day (self->calendar, later);
      gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (later));
      gtk_spin_button_set_value (self->minute_spin, (g_date_time_get_minute (later) / 15) * 15);
      on_day_selected_cb (self);
    }
}

static void
on_compose_toggled_cb (AgentMemosPage  *self,
                       GParamSpec      *pspec,
                       GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  prefill_compose (self);
  show_compose_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
clear_compose (AgentMemosPage *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  gtk_check_button_set_active (self->remind_check, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->remind_phone_entry), "");
  show_compose_error (self, NULL);
  gtk_toggle_button_set_active (self->compose_button, FALSE);
}

typedef struct
{
  AgentMemosPage *self;
  char           *phone;
  char           *text;
  char           *remind_phone;
  GDateTime      *due;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_free (data->phone);
  g_free (data->text);
  g_free (data->remind_phone);
  g_clear_pointer (&data->due, g_date_time_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
on_reminder_added_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentMemosPage) self = user_data;
  g_autoptr(AgentReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;

  reminder = agent_reminders_add_finish (AGENT_REMINDERS (object), result, &error);
  if (reminder == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The memo was saved, but this computer cannot remind you: %s"),
                         error->message);
      toast (self, message);
    }
}

static void
on_memo_queued_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  AgentMemosPage *self = data->self;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memos.save", TRUE);

  if (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error) <= 0)
    {
      g_autofree char *message = g_strdup_printf (_("The memo could not be saved: %s"),
                                                  error != NULL ? error->message : "");
      show_compose_error (self, message);
      return;
    }

  AGENT_TRACE ("memo-queued", "phone", g_variant_new_string (data->phone), NULL);

  if (data->due != NULL && self->reminders != NULL)
    agent_reminders_add_async (self->reminders, data->remind_phone, data->phone, data->text,
                               data->due, NULL, on_reminder_added_cb, g_object_ref (self));

  clear_compose (self);
  toast (self, data->due != NULL ? _("Memo saved, with its reminder") : _("Memo saved"));
}

static GDateTime *
chosen_due (AgentMemosPage *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentMemosPage *self = AGENT_MEMOS_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SaveData) data = g_new0 (SaveData, 1);
  const char *phone;
  GtkTextIter start, end;

  if (self->saving)
    return;

  ensure_services (self);

  data->phone = agent_phone_normalize (gtk_editable_get_text (GTK_EDITABLE (self->number_entry)),
                                       &error);
  if (data->phone == NULL)
    {
      show_compose_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  data->text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*data->text == '\0')
    {
      show_compose_error (self, _("Write the memo first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return;
    }

  if (gtk_check_button_get_active (self->remind_check))
    {
      const char *remind = gtk_editable_get_text (GTK_EDITABLE (self->remind_phone_entry));
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      data->due = chosen_due (self);
      if (g_date_time_compare (data->due, now) <= 0)
        {
          show_compose_error (self, _("Choose a time for the reminder that is still ahead."));
          return;
        }

      if (*remind == '\0')
        data->remind_phone = g_strdup (data->phone);
      else if ((data->remind_phone = agent_phone_normalize (remind, &error)) == NULL)
        {
          show_compose_error (self, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->remind_phone_entry));
          return;
        }
    }

  if (self->outbox == NULL)
    {
      show_compose_error (self, _("Memos cannot be saved yet: the outbox on this computer is "
                                  "not open. Try again in a moment."));
      return;
    }

  json_object_set_string_member (payload, "text", data->text);
  if (data->due != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (data->due);

      json_object_set_string_member (payload, "remind_at", iso);
      json_object_set_string_member (payload, "remind_phone", data->remind_phone);
    }

  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "memos.save", FALSE);
  show_compose_error (self, NULL);
  data->self = g_object_ref (self);
  phone = data->phone;
  /* The order arguments are evaluated in is unspecified: read data before handing it over. */
  agent_outbox_add_async (self->outbox, AGENT_OUTBOX_KIND_MEMO, phone, payload,
                          self->cancellable, on_memo_queued_cb, g_steal_pointer (&data));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AgentMemosPage *self = AGENT_MEMOS_PAGE (widget);

  if (self->session != NULL)
    {
      gtk_stack_set_visible_child_name (self->notes_stack, "loading");
      reload (self);
    }
}

/* ---- GObject ---- */

static void
agent_memos_page_dispose (GObject *object)
{
  AgentMemosPage *self = AGENT_MEMOS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->notes_selection != NULL)
    gtk_no_selection_set_model (self->notes_selection, NULL);
  if (self->followups_selection != NULL)
    gtk_no_selection_set_model (self->followups_selection, NULL);
  g_clear_object (&self->memos);
  g_clear_object (&self->outbox);
  g_clear_object (&self->reminders);
  g_clear_object (&self->client);
  g_clear_object (&self->session);

  /* The box is both AdwBin's child and a template child: let AdwBin let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_MEMOS_PAGE);

  G_OBJECT_CLASS (agent_memos_page_parent_class)->dispose (object);
}

static void
agent_memos_page_finalize (GObject *object)
{
  AgentMemosPage *self = AGENT_MEMOS_PAGE (object);

  g_free (self->phone);

  G_OBJECT_CLASS (agent_memos_page_parent_class)->finalize (object);
}

static void
agent_memos_page_class_init (AgentMemosPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_memos_page_dispose;
  object_class->finalize = agent_memos_page_finalize;

  g_type_ensure (BBH_TYPE_MEMO);
  g_type_ensure (AGENT_TYPE_REMINDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-memos-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, compose_button);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, number_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, remind_check);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, remind_phone_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, compose_error);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, notes_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, followups_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, notes_title);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, followups_view);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, notes_selection);
  gtk_widget_class_bind_template_child (widget_class, AgentMemosPage, followups_selection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "memos.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "memos.retry", NULL, retry_action);
}

static void
agent_memos_page_init (AgentMemosPage *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) memo_factory = NULL;
  g_autoptr(GtkListItemFactory) reminder_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->memos = agent_paged_model_new (BBH_TYPE_MEMO, PAGE_SIZE);
  agent_paged_model_set_fetch_func (self->memos, fetch_memos, finish_memos, self, NULL);
  g_signal_connect_object (self->memos, "page-loaded", G_CALLBACK (on_memos_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->memos, "error", G_CALLBACK (on_memos_error_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_no_selection_set_model (self->notes_selection, G_LIST_MODEL (self->memos));

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "memo_time_cb", G_CALLBACK (memo_time_cb),
                                           "memo_who_cb", G_CALLBACK (memo_who_cb),
                                           "memo_reminder_cb", G_CALLBACK (memo_reminder_cb),
                                           "memo_has_reminder_cb", G_CALLBACK (memo_has_reminder_cb),
                                           "reminder_icon_cb", G_CALLBACK (reminder_icon_cb),
                                           "reminder_title_cb", G_CALLBACK (reminder_title_cb),
                                           "reminder_call_clicked_cb",
                                           G_CALLBACK (reminder_call_clicked_cb),
                                           NULL);
  memo_factory = gtk_builder_list_item_factory_new_from_resource (
    scope, "/org/babaihu/Agent/agent-memo-row.ui");
  gtk_list_view_set_factory (self->notes_view, memo_factory);
  reminder_factory = gtk_builder_list_item_factory_new_from_resource (
    scope, "/org/babaihu/Agent/agent-reminder-row.ui");
  gtk_list_view_set_factory (self->followups_view, reminder_factory);

  g_signal_connect_object (self->compose_button, "notify::active",
                           G_CALLBACK (on_compose_toggled_cb), self, G_CONNECT_SWAPPED);
  show_state (self);
  update_followups (self);
}

GtkWidget *
agent_memos_page_new (void)
{
  return g_object_new (AGENT_TYPE_MEMOS_PAGE, NULL);
}

/**
 * agent_memos_page_search:
 * @self: the page
 * @phone: (nullable): the number whose memos to show; %NULL or empty shows the agent's own
 *
 * Does what typing @phone in the search field and pressing Enter does.
 */
void
agent_memos_page_search (AgentMemosPage *self,
                         const char     *phone)
{
  g_return_if_fail (AGENT_IS_MEMOS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), phone != NULL ? phone : "");
  on_search_activate_cb (self);
}

/**
 * agent_memos_page_get_phone:
 *
 * Returns: (nullable): the number whose memos are shown, %NULL for the agent's own
 */
const char *
agent_memos_page_get_phone (AgentMemosPage *self)
{
  g_return_val_if_fail (AGENT_IS_MEMOS_PAGE (self), NULL);

  return self->phone;
}

/**
 * agent_memos_page_get_memos:
 *
 * Returns: (transfer none): the memos list (an #AgentPagedModel of #BbhMemo)
 */
GListModel *
agent_memos_page_get_memos (AgentMemosPage *self)
{
  g_return_val_if_fail (AGENT_IS_MEMOS_PAGE (self), NULL);

  return G_LIST_MODEL (self->memos);
}
