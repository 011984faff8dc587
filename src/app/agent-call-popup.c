/* agent-call-popup.c — the window that pops up on a call: who it is, what was said, a memo
 *
 * The pop-up is the product's heart, and it must be on screen before the agent picks up. So
 * it is built once, ahead of time (AgentPopupManager keeps a small pool), and a call only
 * fills a few labels and presents it. Everything that needs the server — the number's area,
 * the customer, recent memos, earlier calls — is asked for after that, all at once, and each
 * section shows its own loading, empty and error state; nothing waits for anything else.
 *
 * The memo field has the focus on an incoming call; Ctrl+Enter commits the memo to the
 * outbox (a disk write on its worker thread) and only then writes `memo-queued`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-call-popup"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-call-popup.h"
#include "agent-phone.h"
#include "agent-trace.h"

#define LIST_LIMIT          5
/* The call record lags the hang-up by a moment: ask again after these delays (ms). */
static const guint record_retry_ms[] = { 300, 700, 1500, 3000, 5000 };

struct _AgentCallPopup
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkImage       *direction_image;
  GtkLabel       *number_label;
  GtkLabel       *area_label;
  GtkLabel       *state_label;
  GtkButton      *play_button;
  GtkButton      *call_back_button;
  GtkStack       *customer_stack;
  GtkSpinner     *customer_spinner;
  GtkListBox     *customer_list;
  GtkLabel       *customer_error_label;
  GtkStack       *memos_stack;
  GtkSpinner     *memos_spinner;
  GtkListBox     *memos_list;
  GtkLabel       *memos_error_label;
  GtkStack       *calls_stack;
  GtkSpinner     *calls_spinner;
  GtkListBox     *calls_list;
  GtkLabel       *calls_error_label;
  GtkTextView    *memo_view;
  GtkLabel       *memo_status_label;
  GtkButton      *save_button;

  /* Owned */
  BbhClient      *client;
  AgentOutbox    *outbox;
  GCancellable   *cancellable;      /* everything about the current call */
  BbhCustomer    *customer;
  BbhCallRecord  *record;
  char           *phone;
  char           *saving_text;
  GtkWidget      *question;         /* the "save the memo?" dialog while it is open */

  AgentCallState  state;
  gint64          msg_time;
  gint64          cdr_id;
  gint64          answered_us;      /* monotonic */
  guint           talk_seconds;
  guint           timer_id;
  guint           record_retry_id;
  guint           record_attempts;
  guint           outgoing : 1;
  guint           lookups_started : 1;
  guint           saving : 1;
  guint           close_after_save : 1;
  guint           close_confirmed : 1;
};

G_DEFINE_ENUM_TYPE (AgentCallState, agent_call_state,
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_RINGING, "ringing"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_TALKING, "talking"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (AGENT_CALL_STATE_MISSED, "missed"))

G_DEFINE_FINAL_TYPE (AgentCallPopup, agent_call_popup, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_PHONE,
  PROP_STATE,
  PROP_OUTGOING,
  PROP_TALK_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void lookup_customer (AgentCallPopup *self);
static void lookup_memos    (AgentCallPopup *self);
static void lookup_calls    (AgentCallPopup *self);
static void lookup_record   (AgentCallPopup *self);
static void save_memo       (AgentCallPopup *self);

/* ---- helpers ---- */

static char *
format_duration (guint seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  return g_strdup_printf ("%02u:%02u", seconds / 60, seconds % 60);
}

/* The server's "yyyy-mm-dd hh:mm:ss" without the seconds; anything else as it came. */
static char *
format_server_time (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (strlen (text) == 19 && text[4] == '-' && text[13] == ':')
    return g_strndup (text, 16);
  return g_strdup (text);
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Server text is text: never markup. */
static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static gboolean
is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
set_section (GtkStack   *stack,
             GtkSpinner *spinner,
             const char *name)
{
  gtk_spinner_set_spinning (spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (stack, name);
}

static char *
dup_memo_text (AgentCallPopup *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

/* ---- the call's state ---- */

static void
update_title (AgentCallPopup *self)
{
  g_autofree char *number = agent_phone_format (self->phone);
  g_autofree char *window = NULL;
  const char *name = self->customer != NULL ? bbh_customer_get_name (self->customer) : NULL;
  const char *subtitle;

  if (self->outgoing)
    subtitle = _("Outgoing call");
  else if (self->state == AGENT_CALL_STATE_MISSED)
    subtitle = _("Missed call");
  else
    subtitle = _("Incoming call");

  adw_window_title_set_title (self->window_title, !is_empty (name) ? name : number);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Translators: the pop-up's window title; %s is a name or a number */
  window = g_strdup_printf (self->outgoing ? _("Call to %s") : _("Call from %s"),
                            !is_empty (name) ? name : number);
  gtk_window_set_title (GTK_WINDOW (self), window);
}

static void
update_state_label (AgentCallPopup *self)
{
  g_autofree char *duration = format_duration (self->talk_seconds);
  g_autofree char *text = NULL;
  const char *icon;

  switch (self->state)
    {
    case AGENT_CALL_STATE_RINGING:
      text = g_strdup (self->outgoing ? _("Calling…") : _("Ringing…"));
      break;
    case AGENT_CALL_STATE_TALKING:
      /* Translators: %s is the time talked so far, like 01:23 */
      text = g_strdup_printf (_("Talking · %s"), duration);
      break;
    case AGENT_CALL_STATE_ENDED:
      /* Translators: %s is how long the call lasted, like 01:23 */
      text = g_strdup_printf (_("Ended · %s"), duration);
      break;
    case AGENT_CALL_STATE_MISSED:
      text = g_strdup (self->outgoing ? _("No answer") : _("Missed call"));
      break;
    case AGENT_CALL_STATE_IDLE:
    default:
      text = g_strdup ("");
      break;
    }

  gtk_label_set_label (self->state_label, text);

  if (self->state == AGENT_CALL_STATE_MISSED && !self->outgoing)
    icon = "call-missed-symbolic";
  else
    icon = self->outgoing ? "call-outgoing-symbolic" : "call-incoming-symbolic";
  gtk_image_set_from_icon_name (self->direction_image, icon);

  gtk_widget_set_visible (GTK_WIDGET (self->call_back_button),
                          self->state == AGENT_CALL_STATE_MISSED ||
                          self->state == AGENT_CALL_STATE_ENDED);
  gtk_widget_set_visible (GTK_WIDGET (self->play_button),
                          self->record != NULL && bbh_call_record_has_recording (self->record) &&
                          (self->state == AGENT_CALL_STATE_ENDED ||
                           self->state == AGENT_CALL_STATE_MISSED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.play-recording",
                                 gtk_widget_get_visible (GTK_WIDGET (self->play_button)));
}

static void
set_state (AgentCallPopup *self,
           AgentCallState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  update_state_label (self);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_talk_seconds (AgentCallPopup *self,
                  guint           seconds)
{
  if (self->talk_seconds == seconds)
    return;

  self->talk_seconds = seconds;
  update_state_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TALK_SECONDS]);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  AgentCallPopup *self = user_data;

  set_talk_seconds (self, (g_get_monotonic_time () - self->answered_us) / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

/* ---- lookups ---- */

static void
on_area_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhArea) area = bbh_client_get_area_phone_finish (BBH_CLIENT (object), result, &error);

  if (is_cancelled (error))
    return;

  if (area == NULL || is_empty (bbh_area_get_area (area)))
    {
      gtk_label_set_label (self->area_label, error != NULL ? _("Area unknown") : "");
      return;
    }

  if (!is_empty (bbh_area_get_area_code (area)))
    {
      g_autofree char *text = g_strdup_printf ("%s · %s", bbh_area_get_area (area),
                                               bbh_area_get_area_code (area));
      gtk_label_set_label (self->area_label, text);
    }
  else
    {
      gtk_label_set_label (self->area_label, bbh_area_get_area (area));
    }
}

static void
show_customer (AgentCallPopup *self)
{
  BbhCustomer *customer = self->customer;
  const char *status = bbh_customer_get_status (customer);
  const char *type = bbh_customer_get_customer_type (customer);
  GListModel *phones = bbh_customer_get_phones (customer);
  GListModel *sales = bbh_customer_get_sales (customer);
  GtkWidget *row;

  list_box_clear (self->customer_list);

  row = text_row (!is_empty (bbh_customer_get_name (customer)) ? bbh_customer_get_name (customer)
                                                               : _("Unnamed customer"),
                  bbh_customer_get_corp_name (customer));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  if (bbh_customer_get_is_locked (customer))
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (lock, _("Locked to an agent"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), lock);
    }
  gtk_widget_add_css_class (row, "customer-name");
  gtk_list_box_append (self->customer_list, row);

  if (!is_empty (status) || !is_empty (type))
    {
      g_autofree char *text = NULL;

      if (!is_empty (status) && !is_empty (type))
        text = g_strdup_printf ("%s · %s", status, type);
      else
        text = g_strdup (!is_empty (status) ? status : type);
      gtk_list_box_append (self->customer_list, text_row (_("Status"), text));
    }

  for (guint i = 0; phones != NULL && i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);
      g_autofree char *number = agent_phone_format (bbh_customer_phone_get_phone (phone));
      const char *what = bbh_customer_phone_get_phone_type (phone);
      const char *who = bbh_customer_phone_get_link_man (phone);
      g_autofree char *subtitle = NULL;

      if (!is_empty (what) && !is_empty (who))
        subtitle = g_strdup_printf ("%s · %s", what, who);
      else
        subtitle = g_strdup (!is_empty (what) ? what : who);

      row = text_row (number, subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("call-start-symbolic"));
      gtk_list_box_append (self->customer_list, row);
    }

  if (sales != NULL && g_list_model_get_n_items (sales) > 0)
    {
      guint won = 0, n = g_list_model_get_n_items (sales);
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BbhSale) sale = g_list_model_get_item (sales, i);

          if (bbh_sale_get_status (sale) == 1)
            won++;
        }
      /* Translators: the sales of a customer; the numbers are counts */
      text = g_strdup_printf (ngettext ("%u signed of %u sale", "%u signed of %u sales", n),
                              won, n);
      gtk_list_box_append (self->customer_list, text_row (_("Sales"), text));
    }

  set_section (self->customer_stack, self->customer_spinner, "found");
  update_title (self);
}

static void
on_customer_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;

  customer = bbh_client_get_customer_finish (BBH_CLIENT (object), result, &error);
  if (is_cancelled (error))
    return;

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The customer could not be looked up. %s"),
                                               error->message);

      gtk_label_set_label (self->customer_error_label, text);
      set_section (self->customer_stack, self->customer_spinner, "error");
      return;
    }

  g_set_object (&self->customer, customer);
  if (customer == NULL)
    {
      set_section (self->customer_stack, self->customer_spinner, "unknown");
      return;
    }

  show_customer (self);
}

static void
lookup_customer (AgentCallPopup *self)
{
  set_section (self->customer_stack, self->customer_spinner, "loading");
  bbh_client_get_customer_async (self->client, self->phone, self->cancellable,
                                 on_customer_cb, g_object_ref (self));
}

static GtkWidget *
memo_row (const char *text,
          const char *when,
          const char *who)
{
  g_autofree char *time = format_server_time (when);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (!is_empty (who))
    subtitle = g_strdup_printf ("%s · %s", time, who);
  else
    subtitle = g_strdup (time);

  row = text_row (text, subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "memo-row");
  return row;
}

static void
on_memos_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) memos = NULL;
  guint n;

  memos = bbh_client_get_memos_finish (BBH_CLIENT (object), result, NULL, &error);
  if (is_cancelled (error))
    return;

  if (memos == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The memos could not be loaded. %s"),
                                               error->message);

      gtk_label_set_label (self->memos_error_label, text);
      set_section (self->memos_stack, self->memos_spinner, "error");
      return;
    }

  /* A memo saved in this pop-up before the answer came stays on top. */
  n = MIN (g_list_model_get_n_items (memos), LIST_LIMIT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhMemo) memo = g_list_model_get_item (memos, i);
      const char *who = bbh_memo_get_extension_name (memo);

      gtk_list_box_append (self->memos_list,
                           memo_row (bbh_memo_get_text (memo), bbh_memo_get_time (memo),
                                     !is_empty (who) ? who : bbh_memo_get_extension (memo)));
    }

  set_section (self->memos_stack, self->memos_spinner,
               gtk_widget_get_first_child (GTK_WIDGET (self->memos_list)) != NULL ? "list"
                                                                                  : "empty");
}

static void
lookup_memos (AgentCallPopup *self)
{
  set_section (self->memos_stack, self->memos_spinner, "loading");
  bbh_client_get_memos_async (self->client, self->phone, 0, LIST_LIMIT, self->cancellable,
                              on_memos_cb, g_object_ref (self));
}

static GtkWidget *
call_row (BbhCallRecord *record)
{
  g_autofree char *when = format_server_time (bbh_call_record_get_start_time (record));
  g_autofree char *duration = format_duration (bbh_call_record_get_talk_time (record));
  g_autofree char *subtitle = NULL;
  BbhCallDirection direction = bbh_call_record_get_direction (record);
  const char *who = bbh_call_record_get_extension_name (record);
  gboolean outgoing = direction == BBH_CALL_DIRECTION_OUT ||
                      direction == BBH_CALL_DIRECTION_CAMPAIGN_OUT;
  gboolean answered = bbh_call_record_get_talk_time (record) > 0;
  const char *what;
  GtkWidget *row;

  if (!answered)
    what = outgoing ? _("No answer") : _("Missed");
  else
    what = duration;

  if (!is_empty (who))
    subtitle = g_strdup_printf ("%s · %s", what, who);
  else
    subtitle = g_strdup (what);

  row = text_row (when, subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (!answered && !outgoing
                                                           ? "call-missed-symbolic"
                                                           : outgoing ? "call-outgoing-symbolic"
                                                                      : "call-incoming-symbolic"));
  return row;
}

static void
on_calls_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) calls = NULL;
  guint n;

  calls = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, NULL, &error);
  if (is_cancelled (error))
    return;

  if (calls == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Earlier calls could not be loaded. %s"),
                                               error->message);

      gtk_label_set_label (self->calls_error_label, text);
      set_section (self->calls_stack, self->calls_spinner, "error");
      return;
    }

  list_box_clear (self->calls_list);
  n = MIN (g_list_model_get_n_items (calls), LIST_LIMIT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhCallRecord) record = g_list_model_get_item (calls, i);

      /* This very call is not an earlier one. */
      if (self->cdr_id > 0 && bbh_call_record_get_id (record) == self->cdr_id)
        continue;
      gtk_list_box_append (self->calls_list, call_row (record));
    }

  set_section (self->calls_stack, self->calls_spinner,
               gtk_widget_get_first_child (GTK_WIDGET (self->calls_list)) != NULL ? "list"
                                                                                  : "empty");
}

static void
lookup_calls (AgentCallPopup *self)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();

  bbh_call_record_query_set_phone (query, self->phone);
  bbh_call_record_query_set_page (query, 0, LIST_LIMIT + 1);
  set_section (self->calls_stack, self->calls_spinner, "loading");
  bbh_client_find_dial_record_async (self->client, query, self->cancellable, on_calls_cb,
                                     g_object_ref (self));
}

static gboolean
on_record_retry_cb (gpointer user_data)
{
  AgentCallPopup *self = user_data;

  self->record_retry_id = 0;
  lookup_record (self);
  return G_SOURCE_REMOVE;
}

static void
retry_record_later (AgentCallPopup *self)
{
  if (self->record_attempts >= G_N_ELEMENTS (record_retry_ms))
    return;

  g_clear_handle_id (&self->record_retry_id, g_source_remove);
  self->record_retry_id = g_timeout_add (record_retry_ms[self->record_attempts],
                                         on_record_retry_cb, self);
}

static void
on_record_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(BbhCallRecord) record = NULL;

  records = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, NULL, &error);
  if (is_cancelled (error))
    return;

  if (records != NULL && g_list_model_get_n_items (records) > 0)
    record = g_list_model_get_item (records, 0);

  if (record == NULL || bbh_call_record_get_id (record) != self->cdr_id)
    {
      retry_record_later (self);
      return;
    }

  g_set_object (&self->record, record);
  if (bbh_call_record_get_talk_time (record) > 0 && self->state == AGENT_CALL_STATE_ENDED)
    set_talk_seconds (self, bbh_call_record_get_talk_time (record));
  update_state_label (self);
}

static void
lookup_record (AgentCallPopup *self)
{
  g_autoptr(BbhCallRecordQuery) query = NULL;

  if (self->client == NULL || self->cdr_id <= 0)
    return;

  self->record_attempts++;
  query = bbh_call_record_query_new ();
  bbh_call_record_query_set_id (query, self->cdr_id);
  bbh_call_record_query_set_page (query, 0, 1);
  bbh_client_find_dial_record_async (self->client, query, self->cancellable, on_record_cb,
                                     g_object_ref (self));
}

/* ---- the memo ---- */

static void
on_memo_changed_cb (AgentCallPopup *self)
{
  g_autofree char *text = dup_memo_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.save-memo",
                                 !self->saving && *text != '\0');
}

typedef struct
{
  AgentCallPopup *self;
  char           *phone;
  char           *text;
} SaveMemo;

static void
save_memo_free (SaveMemo *save)
{
  g_object_unref (save->self);
  g_free (save->phone);
  g_free (save->text);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveMemo, save_memo_free)

static void
on_memo_committed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SaveMemo) save = user_data;
  AgentCallPopup *self = save->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDateTime) dt = NULL;

  self->saving = FALSE;
  g_clear_pointer (&self->saving_text, g_free);
  agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The memo was not saved: %s"), error->message);

      self->close_after_save = FALSE;
      gtk_label_set_label (self->memo_status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->memo_status_label), "error");
      on_memo_changed_cb (self);
      return;
    }

  /* On disk now: the agent may close, crash or lose the network, the memo will arrive. */
  AGENT_TRACE ("memo-queued", "phone", g_variant_new_string (save->phone), NULL);

  /* The pop-up may already follow another call; then the memo is not this one's. */
  if (g_strcmp0 (save->phone, self->phone) == 0)
    {
      g_autofree char *current = dup_memo_text (self);

      if (g_strcmp0 (current, save->text) == 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->memo_view), "", 0);

      dt = g_date_time_new_now_local ();
      now = g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
      gtk_list_box_prepend (self->memos_list, memo_row (save->text, now, _("You")));
      if (!g_str_equal (gtk_stack_get_visible_child_name (self->memos_stack), "loading"))
        set_section (self->memos_stack, self->memos_spinner, "list");

      gtk_widget_remove_css_class (GTK_WIDGET (self->memo_status_label), "error");
      gtk_label_set_label (self->memo_status_label,
                           agent_outbox_get_stalled (AGENT_OUTBOX (object))
                           ? _("Memo saved. It will be sent when the server is back.")
                           : _("Memo saved"));
    }

  on_memo_changed_cb (self);

  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
save_memo (AgentCallPopup *self)
{
  g_autofree char *text = dup_memo_text (self);
  SaveMemo *save;

  if (self->saving)
    return;

  if (*text == '\0' || self->phone == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (self->outbox == NULL)
    {
      gtk_label_set_label (self->memo_status_label,
                           _("The memo cannot be saved before the notes store is open. Try again in a moment."));
      return;
    }

  self->saving = TRUE;
  self->saving_text = g_strdup (text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.save-memo", FALSE);
  gtk_label_set_label (self->memo_status_label, _("Saving…"));

  save = g_new0 (SaveMemo, 1);
  save->self = g_object_ref (self);
  save->phone = g_strdup (self->phone);
  save->text = g_strdup (text);

  /* Not self->cancellable: a memo is kept even when the pop-up moves on to another call. */
  agent_outbox_add_memo_async (self->outbox, self->phone, text, NULL, NULL,
                               on_memo_committed_cb, save);
}

static void
save_memo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  save_memo (AGENT_CALL_POPUP (widget));
}

static void
on_question_response_cb (AgentCallPopup *self,
                         const char     *response)
{
  self->question = NULL;

  if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      save_memo (self);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
    }
}

static void
ask_about_memo (AgentCallPopup *self)
{
  g_autofree char *number = agent_phone_format (self->phone);
  AdwMessageDialog *dialog;

  if (self->question != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->question));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save the Memo?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, _("The memo for %s has not been saved yet."), number);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->question = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- actions ---- */

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);

  if (self->client == NULL)
    return;
  if (g_str_equal (gtk_stack_get_visible_child_name (self->customer_stack), "error"))
    lookup_customer (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->memos_stack), "error"))
    lookup_memos (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->calls_stack), "error"))
    lookup_calls (self);
}

static void
play_recording_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);
  g_autofree char *id = NULL;

  if (self->record == NULL)
    return;

  /* Ids are 64-bit: handed over as text. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_call_record_get_id (self->record));
  gtk_widget_activate_action (widget, "app.play-recording", "s", id);
}

static void
call_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);

  if (self->phone != NULL)
    gtk_widget_activate_action (widget, "app.dial", "s", self->phone);
}

static void
on_customer_committed_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;

  agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The customer was not saved: %s"),
                                               error->message);

      gtk_label_set_label (self->customer_error_label, text);
      set_section (self->customer_stack, self->customer_spinner, "error");
      return;
    }

  gtk_label_set_label (self->memo_status_label,
                       _("Customer saved. It appears in the customer list once the server has it."));
}

static void
on_create_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AgentCallPopup   *self)
{
  AdwEntryRow *name_row = g_object_get_data (G_OBJECT (dialog), "name-row");
  AdwEntryRow *corp_row = g_object_get_data (G_OBJECT (dialog), "corp-row");
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *name = NULL;
  g_autofree char *corp = NULL;
  GtkWidget *row;

  if (g_strcmp0 (response, "create") != 0 || self->outbox == NULL || self->phone == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));
  corp = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (corp_row))));

  fields = json_object_new ();
  json_object_set_string_member (fields, "cpPhone", self->phone);
  json_object_set_string_member (fields, "custName", name);
  json_object_set_string_member (fields, "custCorpName", corp);
  agent_outbox_add_customer_save_async (self->outbox, self->phone, fields, NULL,
                                        on_customer_committed_cb, g_object_ref (self));

  /* Show what was typed at once; the server's copy replaces it on the next call. */
  list_box_clear (self->customer_list);
  row = text_row (*name != '\0' ? name : _("Unnamed customer"), corp);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  gtk_widget_add_css_class (row, "customer-name");
  gtk_list_box_append (self->customer_list, row);
  set_section (self->customer_stack, self->customer_spinner, "found");
}

static void
create_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);
  g_autofree char *number = agent_phone_format (self->phone);
  AdwMessageDialog *dialog;
  GtkWidget *list, *name_row, *corp_row, *phone_row;

  if (self->phone == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Customer"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, _("A customer record for %s."), number);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  phone_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (phone_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phone_row), _("Phone"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (phone_row), number);
  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  corp_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (corp_row), _("Company"));
  gtk_list_box_append (GTK_LIST_BOX (list), phone_row);
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), corp_row);
  adw_message_dialog_set_extra_child (dialog, list);

  g_object_set_data (G_OBJECT (dialog), "name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "corp-row", corp_row);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_create_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

/* ---- GtkWindow ---- */

static gboolean
agent_call_popup_close_request (GtkWindow *window)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (window);

  if (self->saving && self->close_after_save)
    return TRUE;

  if (!self->close_confirmed && agent_call_popup_has_unsaved_memo (self))
    {
      ask_about_memo (self);
      return TRUE;
    }

  self->close_confirmed = FALSE;
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);

  /* hide-on-close: the window goes back to the pool, it is not destroyed. */
  return GTK_WINDOW_CLASS (agent_call_popup_parent_class)->close_request (window);
}

/* ---- GObject ---- */

static void
agent_call_popup_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (object);

  switch (prop_id)
    {
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_OUTGOING:
      g_value_set_boolean (value, self->outgoing);
      break;
    case PROP_TALK_SECONDS:
      g_value_set_uint (value, self->talk_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_call_popup_dispose (GObject *object)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->record_retry_id, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->customer);
  g_clear_object (&self->record);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CALL_POPUP);

  G_OBJECT_CLASS (agent_call_popup_parent_class)->dispose (object);
}

static void
agent_call_popup_finalize (GObject *object)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (object);

  g_clear_object (&self->cancellable);
  g_free (self->phone);
  g_free (self->saving_text);

  G_OBJECT_CLASS (agent_call_popup_parent_class)->finalize (object);
}

static void
agent_call_popup_class_init (AgentCallPopupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = agent_call_popup_get_property;
  object_class->dispose = agent_call_popup_dispose;
  object_class->finalize = agent_call_popup_finalize;
  window_class->close_request = agent_call_popup_close_request;

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AGENT_TYPE_CALL_STATE, AGENT_CALL_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTGOING] =
    g_param_spec_boolean ("outgoing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TALK_SECONDS] =
    g_param_spec_uint ("talk-seconds", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentCallPopup::closed:
   * @self: the pop-up
   *
   * The agent closed the pop-up (after answering the question about an unsaved memo); it is
   * hidden, ready to be reset and used for another call.
   */
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-call-popup.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, window_title);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, direction_image);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, number_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, area_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, state_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, play_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, call_back_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, customer_error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memos_error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, calls_error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memo_view);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, memo_status_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCallPopup, save_button);

  gtk_widget_class_install_action (widget_class, "popup.save-memo", NULL, save_memo_action);
  gtk_widget_class_install_action (widget_class, "popup.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "popup.play-recording", NULL,
                                   play_recording_action);
  gtk_widget_class_install_action (widget_class, "popup.call-back", NULL, call_back_action);
  gtk_widget_class_install_action (widget_class, "popup.create-customer", NULL,
                                   create_customer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
agent_call_popup_init (AgentCallPopup *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->cdr_id = -1;

  /* In the capture phase: the text view would otherwise take Ctrl+Enter as a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_named_action_new ("popup.save-memo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (gtk_text_view_get_buffer (self->memo_view), "changed",
                           G_CALLBACK (on_memo_changed_cb), self, G_CONNECT_SWAPPED);
  on_memo_changed_cb (self);
  update_state_label (self);
}

/* ---- public API ---- */

/**
 * agent_call_popup_new:
 * @application: (nullable): the application, so that `app.` actions reach it
 *
 * Returns: (transfer full): an empty pop-up, to be filled with agent_call_popup_start()
 */
AgentCallPopup *
agent_call_popup_new (GtkApplication *application)
{
  return g_object_new (AGENT_TYPE_CALL_POPUP, "application", application, NULL);
}

/**
 * agent_call_popup_start:
 * @self: an #AgentCallPopup
 * @event: the call's first event (ringing, or whatever came first)
 * @client: (nullable): the client the lookups go through
 * @outbox: (nullable): where memos are saved
 *
 * Fills in what is known without asking anyone — the number, the direction, the state — so
 * that the caller can present the pop-up right away. No request is made here; call
 * agent_call_popup_begin_lookups() once it is presented.
 */
void
agent_call_popup_start (AgentCallPopup *self,
                        BbhEvent       *event,
                        BbhClient      *client,
                        AgentOutbox    *outbox)
{
  g_autofree char *number = NULL;

  g_return_if_fail (AGENT_IS_CALL_POPUP (self));
  g_return_if_fail (BBH_IS_EVENT (event));

  agent_call_popup_reset (self);

  g_set_object (&self->client, client);
  g_set_object (&self->outbox, outbox);
  self->phone = g_strdup (bbh_event_get_phone (event));
  self->outgoing = bbh_event_get_kind (event) == BBH_EVENT_KIND_OUTGOING_CALL;
  self->msg_time = bbh_event_get_time_ms (event);
  if (bbh_event_get_cdr_id (event) > 0)
    self->cdr_id = bbh_event_get_cdr_id (event);

  number = agent_phone_format (self->phone);
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->area_label, "");

  self->state = AGENT_CALL_STATE_RINGING;
  update_state_label (self);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTGOING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  /* The event may already say more than "ringing" (a pop-up made for a later event). */
  agent_call_popup_update (self, event);

  gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
}

/**
 * agent_call_popup_begin_lookups:
 * @self: an #AgentCallPopup
 *
 * Asks the server, all at once, for the area, the customer, the latest memos and the last
 * calls; each section fills itself in as its answer comes. Once per call.
 */
void
agent_call_popup_begin_lookups (AgentCallPopup *self)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));

  if (self->lookups_started || self->client == NULL || self->phone == NULL)
    return;
  self->lookups_started = TRUE;

  bbh_client_get_area_phone_async (self->client, self->phone, self->cancellable, on_area_cb,
                                   g_object_ref (self));
  lookup_customer (self);
  lookup_memos (self);
  lookup_calls (self);

  if (self->state == AGENT_CALL_STATE_ENDED || self->state == AGENT_CALL_STATE_MISSED)
    lookup_record (self);
}

/**
 * agent_call_popup_update:
 * @self: an #AgentCallPopup
 * @event: a later event of the same call
 *
 * Follows the call: ringing → talking (a timer, every second) → ended (the duration and the
 * recording from the call record) or missed.
 */
void
agent_call_popup_update (AgentCallPopup *self,
                         BbhEvent       *event)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));
  g_return_if_fail (BBH_IS_EVENT (event));

  if (bbh_event_get_cdr_id (event) > 0)
    self->cdr_id = bbh_event_get_cdr_id (event);

  if (bbh_event_is_hangup (event))
    {
      int talked = bbh_event_get_talk_seconds (event);

      if (self->state == AGENT_CALL_STATE_ENDED || self->state == AGENT_CALL_STATE_MISSED)
        return;

      g_clear_handle_id (&self->timer_id, g_source_remove);
      if (self->state == AGENT_CALL_STATE_TALKING)
        {
          if (talked > 0)
            set_talk_seconds (self, talked);
          else
            on_timer_cb (self);
          set_state (self, AGENT_CALL_STATE_ENDED);
        }
      else
        {
          set_state (self, talked > 0 ? AGENT_CALL_STATE_ENDED : AGENT_CALL_STATE_MISSED);
          if (talked > 0)
            set_talk_seconds (self, talked);
        }

      self->record_attempts = 0;
      if (self->lookups_started)
        lookup_record (self);
      return;
    }

  if (bbh_event_is_answered (event))
    {
      if (self->state != AGENT_CALL_STATE_RINGING && self->state != AGENT_CALL_STATE_IDLE)
        return;

      self->answered_us = g_get_monotonic_time ();
      set_talk_seconds (self, 0);
      set_state (self, AGENT_CALL_STATE_TALKING);
      g_clear_handle_id (&self->timer_id, g_source_remove);
      self->timer_id = g_timeout_add_seconds (1, on_timer_cb, self);
      return;
    }
}

/**
 * agent_call_popup_reset:
 * @self: an #AgentCallPopup
 *
 * Forgets the call: cancels its lookups, empties every section and the memo field.
 */
void
agent_call_popup_reset (AgentCallPopup *self)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->record_retry_id, g_source_remove);
  if (self->question != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->question)));

  g_clear_object (&self->client);
  g_clear_object (&self->customer);
  g_clear_object (&self->record);
  g_clear_pointer (&self->phone, g_free);
  self->state = AGENT_CALL_STATE_IDLE;
  self->outgoing = FALSE;
  self->msg_time = 0;
  self->cdr_id = -1;
  self->talk_seconds = 0;
  self->record_attempts = 0;
  self->lookups_started = FALSE;
  self->close_after_save = FALSE;
  self->close_confirmed = FALSE;

  gtk_label_set_label (self->number_label, "");
  gtk_label_set_label (self->area_label, "");
  list_box_clear (self->customer_list);
  list_box_clear (self->memos_list);
  list_box_clear (self->calls_list);
  set_section (self->customer_stack, self->customer_spinner, "loading");
  set_section (self->memos_stack, self->memos_spinner, "loading");
  set_section (self->calls_stack, self->calls_spinner, "loading");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->memo_view), "", 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->memo_status_label), "error");
  gtk_label_set_label (self->memo_status_label, _("Ctrl+Enter saves the memo"));
  update_state_label (self);
}

/**
 * agent_call_popup_close:
 * @self: an #AgentCallPopup
 *
 * Closes the pop-up as the agent would: an unsaved memo is asked about first.
 */
void
agent_call_popup_close (AgentCallPopup *self)
{
  g_return_if_fail (AGENT_IS_CALL_POPUP (self));

  gtk_window_close (GTK_WINDOW (self));
}

const char *
agent_call_popup_get_phone (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return self->phone;
}

AgentCallState
agent_call_popup_get_state (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), AGENT_CALL_STATE_IDLE);

  return self->state;
}

gboolean
agent_call_popup_get_outgoing (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), FALSE);

  return self->outgoing;
}

gint64
agent_call_popup_get_msg_time (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), 0);

  return self->msg_time;
}

gint64
agent_call_popup_get_cdr_id (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), -1);

  return self->cdr_id;
}

guint
agent_call_popup_get_talk_seconds (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), 0);

  return self->talk_seconds;
}

/**
 * agent_call_popup_get_customer:
 * @self: an #AgentCallPopup
 *
 * Returns: (transfer none) (nullable): the customer the server knows for the number
 */
BbhCustomer *
agent_call_popup_get_customer (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return self->customer;
}

/**
 * agent_call_popup_get_call_record:
 * @self: an #AgentCallPopup
 *
 * Returns: (transfer none) (nullable): the record of this call, once it ended and the server
 *   has it
 */
BbhCallRecord *
agent_call_popup_get_call_record (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return self->record;
}

/**
 * agent_call_popup_get_section_state:
 * @self: an #AgentCallPopup
 * @section: `customer`, `memos` or `calls`
 *
 * Returns: (nullable): what the section shows: `loading`, `error`, and `found` or `unknown`
 *   for the customer, `list` or `empty` for the others
 */
const char *
agent_call_popup_get_section_state (AgentCallPopup *self,
                                    const char     *section)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  if (g_strcmp0 (section, "customer") == 0)
    return gtk_stack_get_visible_child_name (self->customer_stack);
  if (g_strcmp0 (section, "memos") == 0)
    return gtk_stack_get_visible_child_name (self->memos_stack);
  if (g_strcmp0 (section, "calls") == 0)
    return gtk_stack_get_visible_child_name (self->calls_stack);
  return NULL;
}

/**
 * agent_call_popup_get_memo_buffer:
 * @self: an #AgentCallPopup
 *
 * Returns: (transfer none): the memo being written
 */
GtkTextBuffer *
agent_call_popup_get_memo_buffer (AgentCallPopup *self)
{
  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), NULL);

  return gtk_text_view_get_buffer (self->memo_view);
}

/**
 * agent_call_popup_has_unsaved_memo:
 * @self: an #AgentCallPopup
 *
 * Returns: whether the memo field holds text that is not committed to the outbox
 */
gboolean
agent_call_popup_has_unsaved_memo (AgentCallPopup *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (AGENT_IS_CALL_POPUP (self), FALSE);

  text = dup_memo_text (self);
  return *text != '\0' && g_strcmp0 (text, self->saving_text) != 0;
}
