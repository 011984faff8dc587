/* agent-sms-page.c — send text messages; the ones sent and received this session
 *
 * A message goes to one or more numbers (validated as typed) with smsSend, 70 characters at
 * most — characters, not bytes: 70 Chinese characters are fine, 71 are refused before anything
 * is sent. Each send gets a batch number (listId). What the agent sends is also recorded with
 * addSmsRecord, one record per number, through the outbox: a record written while the server
 * does not answer waits on disk, survives a restart and reaches the server once.
 *
 * The list shows the messages of this session: the event stream's kind 3 (sent) and 4
 * (received), newest first. It is kept on the session, so it fills while the page is not on
 * screen and survives a new main window; a message sent here and echoed by the stream is
 * listed once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-sms-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-application.h"
#include "agent-page.h"
#include "agent-phone.h"
#include "agent-popup-manager.h"
#include "agent-sms-page.h"
#include "agent-window.h"

#define MESSAGES_KEY    "agent-sms-messages"
#define LOCAL_KEY       "agent-sms-local"
#define STREAM_KEY      "agent-sms-stream"
#define ECHO_WINDOW_MS  (5 * 60 * 1000)

struct _AgentSmsPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkBox          *main_box;
  GtkEntry        *to_entry;
  GtkTextView     *text_view;
  GtkLabel        *hint_label;
  GtkLabel        *count_label;
  GtkButton       *send_button;
  GtkStack        *list_stack;
  GtkListView     *messages_view;
  GtkNoSelection  *messages_selection;

  /* Owned */
  AgentSession    *session;
  BbhClient       *client;
  GListStore      *messages;
  GCancellable    *cancellable;
  gint64           last_batch;
  guint            n_chars;
  gboolean         sending;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentSmsPage, agent_sms_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

/* ---- the session's messages ---- */

/* A sent message listed under @key (by the page or by the stream) and not yet paired with
 * its twin from the other side: the page learns of a send from smsSend's answer, the stream
 * from the server's event, in either order. */
static gboolean
pair_sent (GListStore *messages,
           const char *key,
           const char *phone,
           const char *content,
           gint64      time_ms)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (messages));

  for (guint i = 0; i < n && i < 200; i++)
    {
      g_autoptr(BbhEvent) other = g_list_model_get_item (G_LIST_MODEL (messages), i);
      gint64 gap = time_ms - bbh_event_get_time_ms (other);

      if (g_object_get_data (G_OBJECT (other), key) != NULL &&
          bbh_event_get_kind (other) == BBH_EVENT_KIND_SMS_SENT &&
          g_strcmp0 (bbh_event_get_phone (other), phone) == 0 &&
          g_strcmp0 (bbh_event_get_content (other), content) == 0 &&
          ABS (gap) < ECHO_WINDOW_MS)
        {
          g_object_set_data (G_OBJECT (other), key, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

static void
on_sms_event_cb (GListStore   *messages,
                 BbhEvent     *event,
                 AgentSession *session)
{
  int kind = bbh_event_get_kind (event);

  if (kind != BBH_EVENT_KIND_SMS_SENT && kind != BBH_EVENT_KIND_SMS_RECEIVED)
    return;

  if (kind == BBH_EVENT_KIND_SMS_SENT)
    {
      /* The echo of a message sent from this page: it is listed already. */
      if (pair_sent (messages, LOCAL_KEY, bbh_event_get_phone (event),
                     bbh_event_get_content (event), bbh_event_get_time_ms (event)))
        return;
      g_object_set_data (G_OBJECT (event), STREAM_KEY, GINT_TO_POINTER (TRUE));
    }

  g_list_store_insert (messages, 0, event);
}

static void
on_logged_in_cb (GListStore   *messages,
                 GParamSpec   *pspec,
                 AgentSession *session)
{
  /* The next agent does not see the last one's messages. */
  if (!agent_session_get_logged_in (session))
    g_list_store_remove_all (messages);
}

static GListStore *
messages_for_session (AgentSession *session)
{
  GListStore *messages = g_object_get_data (G_OBJECT (session), MESSAGES_KEY);

  if (messages != NULL)
    return messages;

  messages = g_list_store_new (BBH_TYPE_EVENT);
  g_object_set_data_full (G_OBJECT (session), MESSAGES_KEY, messages, g_object_unref);
  g_signal_connect_object (session, "call-event", G_CALLBACK (on_sms_event_cb), messages,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::logged-in", G_CALLBACK (on_logged_in_cb), messages,
                           G_CONNECT_SWAPPED);
  return messages;
}

/* ---- rows ---- */

static char *
sms_icon_cb (GtkListItem *item,
             BbhEvent    *event)
{
  if (event == NULL)
    return g_strdup ("");
  return g_strdup (bbh_event_get_kind (event) == BBH_EVENT_KIND_SMS_RECEIVED
                   ? "mail-unread-symbolic" : "mail-send-symbolic");
}

static char *
sms_direction_cb (GtkListItem *item,
                  BbhEvent    *event)
{
  if (event == NULL)
    return g_strdup ("");
  return g_strdup (bbh_event_get_kind (event) == BBH_EVENT_KIND_SMS_RECEIVED
                   ? _("Received") : _("Sent"));
}

static char *
sms_phone_cb (GtkListItem *item,
              BbhEvent    *event)
{
  if (event == NULL || bbh_event_get_phone (event) == NULL)
    return g_strdup ("");
  return agent_phone_format (bbh_event_get_phone (event));
}

static char *
sms_text_cb (GtkListItem *item,
             BbhEvent    *event)
{
  const char *content = event != NULL ? bbh_event_get_content (event) : NULL;

  return g_strdup (content != NULL ? content : "");
}

static char *
sms_time_cb (GtkListItem *item,
             BbhEvent    *event)
{
  g_autoptr(GDateTime) when = NULL;
  gint64 ms = event != NULL ? bbh_event_get_time_ms (event) : 0;

  if (ms <= 0)
    return g_strdup ("");
  when = g_date_time_new_from_unix_local (ms / 1000);
  return g_date_time_format (when, "%H:%M");
}

/* ---- composing ---- */

static char *
dup_text (AgentSmsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The numbers typed, normalized; %NULL and @error when one is not a number. */
static GPtrArray *
parse_numbers (const char  *text,
               GError     **error)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit_set (text, ",，;；、 \t\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      char *phone;

      if (*parts[i] == '\0')
        continue;
      phone = agent_phone_normalize (parts[i], &local_error);
      if (phone == NULL)
        {
          /* Translators: a number typed in "To" is wrong; the number, then why. */
          g_set_error (error, AGENT_PHONE_ERROR, local_error->code, _("“%s” is not a phone number: %s"),
                       parts[i], local_error->message);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (numbers, phone, g_str_equal, NULL))
        g_ptr_array_add (numbers, phone);
      else
        g_free (phone);
    }

  return g_steal_pointer (&numbers);
}

static void
update_compose (AgentSmsPage *self)
{
  g_autofree char *text = dup_text (self);
  g_autofree char *count = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  gboolean too_long;

  self->n_chars = (guint) g_utf8_strlen (text, -1);
  too_long = self->n_chars > BBH_SMS_MAX_CHARS;

  /* Translators: characters typed, of the most a text message takes. */
  count = g_strdup_printf (_("%u/%u"), self->n_chars, (guint) BBH_SMS_MAX_CHARS);
  gtk_label_set_label (self->count_label, count);
  if (too_long)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");

  numbers = parse_numbers (to, &error);
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "error");
  if (too_long)
    {
      g_autofree char *hint =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Too long: a text message takes at most %u characters; remove %u.",
                                      "Too long: a text message takes at most %u characters; remove %u.",
                                      self->n_chars - BBH_SMS_MAX_CHARS),
                         (guint) BBH_SMS_MAX_CHARS, self->n_chars - BBH_SMS_MAX_CHARS);

      gtk_label_set_label (self->hint_label, hint);
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
    }
  else if (numbers == NULL)
    {
      gtk_label_set_label (self->hint_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
    }
  else if (numbers->len > 0)
    {
      g_autofree char *hint =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "To %u number", "To %u numbers",
                                      numbers->len), numbers->len);

      gtk_label_set_label (self->hint_label, hint);
    }
  else
    gtk_label_set_label (self->hint_label, "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sms.send",
                                 !self->sending && self->client != NULL && !too_long &&
                                 self->n_chars > 0 && numbers != NULL && numbers->len > 0);
}

static void
update_list (AgentSmsPage *self)
{
  guint n = self->messages != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->messages)) : 0;

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
set_messages (AgentSmsPage *self,
              GListStore   *messages)
{
  if (self->messages == messages)
    return;

  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, update_list, self);
  g_set_object (&self->messages, messages);
  gtk_no_selection_set_model (self->messages_selection, G_LIST_MODEL (messages));
  if (messages != NULL)
    g_signal_connect_object (messages, "items-changed", G_CALLBACK (update_list), self,
                             G_CONNECT_SWAPPED);
  update_list (self);
}

/* ---- sending ---- */

typedef struct
{
  AgentSmsPage *self;
  GPtrArray    *numbers;
  char         *text;
  gint64        batch;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->numbers, g_ptr_array_unref);
  g_free (data->text);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SendData, send_data_free)

static void
toast (AgentSmsPage *self,
       const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (AGENT_IS_WINDOW (root))
    agent_window_add_toast (AGENT_WINDOW (root), message);
}

static void
on_sms_recorded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The message went out already; a missing record only leaves the server's log short. */
  if (!bbh_client_add_sms_record_finish (BBH_CLIENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The sent message could not be recorded: %s", error->message);
}

static void
on_sms_queued_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error) <= 0)
    g_warning ("The sent message could not be recorded: %s", error->message);
}

static AgentOutbox *
get_outbox (void)
{
  GApplication *application = g_application_get_default ();
  AgentPopupManager *manager = NULL;

  if (GTK_IS_APPLICATION (application))
    manager = agent_popup_manager_get_for_application (GTK_APPLICATION (application));
  return manager != NULL ? agent_popup_manager_get_outbox (manager) : NULL;
}

/* The server's record of a sent message: through the outbox, so that it is not lost to an
 * outage or a restart; straight to the server only while the outbox is not open (yet). */
static void
record_sent (BbhClient  *client,
             gint64      id,
             const char *phone,
             const char *text,
             gint64      time_ms)
{
  AgentOutbox *outbox = get_outbox ();

  if (outbox != NULL)
    agent_outbox_add_sms_record_async (outbox, id, BBH_SMS_SENT, phone, text, time_ms, NULL,
                                       on_sms_queued_cb, NULL);
  else
    bbh_client_add_sms_record_async (client, id, BBH_SMS_SENT, phone, text, time_ms, NULL,
                                     on_sms_recorded_cb, NULL);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SendData) data = user_data;
  AgentSmsPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 now = g_get_real_time () / 1000;

  self->sending = FALSE;

  if (!bbh_client_sms_send_finish (BBH_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The message was not sent: %s"),
                                                   error->message);

          gtk_label_set_label (self->hint_label, text);
          gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
        }
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sms.send", TRUE);
      return;
    }

  for (guint i = 0; i < data->numbers->len; i++)
    {
      const char *phone = g_ptr_array_index (data->numbers, i);
      g_autoptr(BbhEvent) sent = bbh_event_new (BBH_EVENT_KIND_SMS_SENT, phone, data->text, now, 0);

      /* Listed already when the stream was quicker than smsSend's answer. */
      if (self->messages != NULL &&
          !pair_sent (self->messages, STREAM_KEY, phone, data->text, now))
        {
          g_object_set_data (G_OBJECT (sent), LOCAL_KEY, GINT_TO_POINTER (TRUE));
          g_list_store_insert (self->messages, 0, sent);
        }

      /* One record per number, each with an id of its own. */
      record_sent (BBH_CLIENT (object), g_get_real_time () + i, phone, data->text, now);
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  update_compose (self);

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Message sent to %u number",
                                          "Message sent to %u numbers", data->numbers->len),
                             data->numbers->len);
  toast (self, message);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentSmsPage *self = AGENT_SMS_PAGE (widget);
  g_autoptr(SendData) data = g_new0 (SendData, 1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) phones = NULL;
  const char *text;
  gint64 batch;

  if (self->sending || self->client == NULL)
    return;

  data->text = dup_text (self);
  data->numbers = parse_numbers (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &error);
  if (data->numbers == NULL || data->numbers->len == 0 || *data->text == '\0' ||
      g_utf8_strlen (data->text, -1) > BBH_SMS_MAX_CHARS)
    {
      update_compose (self);
      return;
    }
  /* A batch number of its own for each send: the time, never the same twice in a row. */
  data->batch = MAX (self->last_batch + 1, (g_get_real_time () / G_USEC_PER_SEC) % G_MAXINT32);
  self->last_batch = data->batch;
  data->self = g_object_ref (self);

  phones = g_new0 (char *, data->numbers->len + 1);
  for (guint i = 0; i < data->numbers->len; i++)
    phones[i] = g_strdup (g_ptr_array_index (data->numbers, i));

  self->sending = TRUE;
  gtk_widget_action_set_enabled (widget, "sms.send", FALSE);
  /* Read data before handing it over: arguments are evaluated in no set order. */
  text = data->text;
  batch = data->batch;
  bbh_client_sms_send_async (self->client, (const char * const *) phones, text, batch,
                             self->cancellable, on_sent_cb, g_steal_pointer (&data));
}

/* ---- AgentPage ---- */

static void
agent_sms_page_load (AgentPage    *page,
                     AgentSession *session)
{
  AgentSmsPage *self = AGENT_SMS_PAGE (page);

  g_set_object (&self->session, session);
  g_set_object (&self->client, agent_session_get_client (session));
  set_messages (self, messages_for_session (session));
  update_compose (self);

  agent_page_loaded (page, g_list_model_get_n_items (G_LIST_MODEL (self->messages)));
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_sms_page_load;
}

/* ---- GObject ---- */

static void
agent_sms_page_dispose (GObject *object)
{
  AgentSmsPage *self = AGENT_SMS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->messages_selection != NULL)
    gtk_no_selection_set_model (self->messages_selection, NULL);
  g_clear_object (&self->messages);
  g_clear_object (&self->client);
  g_clear_object (&self->session);

  /* The box is both AdwBin's child and a template child: let AdwBin let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_SMS_PAGE);

  G_OBJECT_CLASS (agent_sms_page_parent_class)->dispose (object);
}

static void
agent_sms_page_class_init (AgentSmsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_sms_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-sms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, messages_view);
  gtk_widget_class_bind_template_child (widget_class, AgentSmsPage, messages_selection);

  gtk_widget_class_install_action (widget_class, "sms.send", NULL, send_action);
}

static void
agent_sms_page_init (AgentSmsPage *self)
{
  GApplication *application = g_application_get_default ();
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "sms_icon_cb", G_CALLBACK (sms_icon_cb),
                                           "sms_direction_cb", G_CALLBACK (sms_direction_cb),
                                           "sms_phone_cb", G_CALLBACK (sms_phone_cb),
                                           "sms_text_cb", G_CALLBACK (sms_text_cb),
                                           "sms_time_cb", G_CALLBACK (sms_time_cb),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/org/babaihu/Agent/agent-sms-row.ui");
  gtk_list_view_set_factory (self->messages_view, factory);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (update_compose), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_entry, "changed", G_CALLBACK (update_compose), self,
                           G_CONNECT_SWAPPED);

  /* Messages arrive whether the page is on screen or not: follow the session from the start. */
  if (AGENT_IS_APPLICATION (application))
    set_messages (self, messages_for_session (agent_application_get_session (AGENT_APPLICATION (application))));

  update_compose (self);
  update_list (self);
}

GtkWidget *
agent_sms_page_new (void)
{
  return g_object_new (AGENT_TYPE_SMS_PAGE, NULL);
}

/**
 * agent_sms_page_follow_session:
 * @session: the application's session
 *
 * Starts keeping @session's text messages now, before the page is built (the window builds
 * its pages when they are first shown): messages that arrive meanwhile are on the page when
 * it opens.
 */
void
agent_sms_page_follow_session (AgentSession *session)
{
  g_return_if_fail (AGENT_IS_SESSION (session));

  messages_for_session (session);
}

/**
 * agent_sms_page_get_messages:
 *
 * Returns: (transfer none) (nullable): this session's messages (#BbhEvent of kind 3 and 4),
 *   newest first
 */
GListModel *
agent_sms_page_get_messages (AgentSmsPage *self)
{
  g_return_val_if_fail (AGENT_IS_SMS_PAGE (self), NULL);

  return G_LIST_MODEL (self->messages);
}

/**
 * agent_sms_page_get_n_chars:
 *
 * Returns: the characters (not bytes) of the message being written
 */
guint
agent_sms_page_get_n_chars (AgentSmsPage *self)
{
  g_return_val_if_fail (AGENT_IS_SMS_PAGE (self), 0);

  return self->n_chars;
}

/**
 * agent_sms_page_get_last_batch:
 *
 * Returns: the batch number (listId) of the last message sent, 0 before the first
 */
gint64
agent_sms_page_get_last_batch (AgentSmsPage *self)
{
  g_return_val_if_fail (AGENT_IS_SMS_PAGE (self), 0);

  return self->last_batch;
}
