/* agent-customer-history.c — a customer's calls and notes, one timeline
 *
 * For each of the customer's numbers the recent calls (findDialrecord phoneNum) and notes
 * (getMemos phoneNum) are asked for at once; once every answer is in they are shown as one
 * list, newest first. A number whose calls or notes could not be loaded leaves the others
 * shown; only when nothing could be loaded is the error the message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-history"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-customer-history.h"
#include "agent-customer-private.h"
#include "agent-phone.h"

/* Calls and notes per number: the recent ones; the history page has the rest. */
#define HISTORY_LIMIT 50

struct _AgentCustomerHistory
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  GtkLabel     *message_label;
  GtkListBox   *list;

  /* Owned */
  GCancellable *cancellable;
  GPtrArray    *timeline;       /* TimelineItem, being gathered */
  char         *error;
  guint         waiting;
  guint         n_items;
  guint         several_numbers : 1;
  guint         loaded : 1;
};

G_DEFINE_FINAL_TYPE (AgentCustomerHistory, agent_customer_history, ADW_TYPE_BIN)

typedef struct
{
  GDateTime *time;
  GObject   *item;     /* BbhCallRecord or BbhMemo */
} TimelineItem;

static void
timeline_item_free (gpointer data)
{
  TimelineItem *entry = data;

  g_clear_pointer (&entry->time, g_date_time_unref);
  g_clear_object (&entry->item);
  g_free (entry);
}

static int
compare_timeline (gconstpointer a,
                  gconstpointer b)
{
  const TimelineItem *x = *(TimelineItem **) a;
  const TimelineItem *y = *(TimelineItem **) b;

  /* Newest first; what has no time goes last. */
  if (x->time == NULL || y->time == NULL)
    return (x->time == NULL) - (y->time == NULL);
  return -g_date_time_compare (x->time, y->time);
}

static char *
format_duration (int seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  return g_strdup_printf ("%d:%02d", seconds / 60, seconds % 60);
}

static GtkWidget *
call_row (AgentCustomerHistory *self,
          BbhCallRecord        *record,
          GDateTime            *time)
{
  BbhCallDirection direction = bbh_call_record_get_direction (record);
  int talk = bbh_call_record_get_talk_time (record);
  const char *agent = bbh_call_record_get_extension_name (record);
  g_autofree char *when = agent_customer_format_time (time);
  g_autofree char *duration = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (when);
  const char *icon;
  const char *what;
  GtkWidget *row;

  switch (direction)
    {
    case BBH_CALL_DIRECTION_IN:
    case BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED:
      icon = "call-incoming-symbolic";
      what = _("Incoming call");
      break;
    case BBH_CALL_DIRECTION_OUT:
    case BBH_CALL_DIRECTION_CAMPAIGN_OUT:
      icon = "call-outgoing-symbolic";
      what = _("Outgoing call");
      break;
    case BBH_CALL_DIRECTION_VOICEMAIL:
      icon = "mail-unread-symbolic";
      what = _("Voice message");
      break;
    case BBH_CALL_DIRECTION_UNKNOWN:
    default:
      icon = "call-start-symbolic";
      what = _("Call");
      break;
    }

  if (talk > 0)
    {
      duration = format_duration (talk);
      /* Translators: a kind of call, then how long it was: “Incoming call, 3:05” */
      title = g_strdup_printf (_("%s, %s"), what, duration);
    }
  else
    /* Translators: a kind of call that nobody answered: “Outgoing call, not answered” */
    title = g_strdup_printf (_("%s, not answered"), what);

  if (!agent_customer_is_blank (agent))
    g_string_append_printf (subtitle, " · %s", agent);
  if (self->several_numbers && bbh_call_record_get_phone (record) != NULL)
    {
      g_autofree char *number = agent_phone_format (bbh_call_record_get_phone (record));

      g_string_append_printf (subtitle, " · %s", number);
    }

  row = agent_customer_text_row (title, subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));

  if (bbh_call_record_has_recording (record))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_call_record_get_id (record));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Play the Recording"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.play-recording");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static GtkWidget *
memo_row (BbhMemo   *memo,
          GDateTime *time)
{
  const char *agent = bbh_memo_get_extension_name (memo);
  g_autofree char *when = agent_customer_format_time (time);
  g_autoptr(GString) subtitle = g_string_new (when);
  GtkWidget *row;

  if (!agent_customer_is_blank (agent))
    g_string_append_printf (subtitle, " · %s", agent);

  row = agent_customer_text_row (bbh_memo_get_text (memo), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-edit-symbolic"));
  return row;
}

static void
show_message (AgentCustomerHistory *self,
              const char           *message)
{
  gtk_label_set_label (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
one_done (AgentCustomerHistory *self)
{
  g_assert (self->waiting > 0);
  if (--self->waiting > 0)
    return;

  agent_customer_list_box_clear (self->list);
  g_ptr_array_sort (self->timeline, compare_timeline);

  for (guint i = 0; i < self->timeline->len; i++)
    {
      TimelineItem *entry = g_ptr_array_index (self->timeline, i);
      GtkWidget *row;

      if (BBH_IS_CALL_RECORD (entry->item))
        row = call_row (self, BBH_CALL_RECORD (entry->item), entry->time);
      else
        row = memo_row (BBH_MEMO (entry->item), entry->time);
      gtk_list_box_append (self->list, row);
    }

  self->n_items = self->timeline->len;
  self->loaded = TRUE;

  if (self->timeline->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (self->error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Calls and notes could not be loaded: %s"),
                                               self->error);

      show_message (self, text);
    }
  else
    show_message (self, _("No calls or notes with this customer yet."));

  g_ptr_array_set_size (self->timeline, 0);
  g_clear_pointer (&self->error, g_free);
}

static void
take_error (AgentCustomerHistory *self,
            GError               *error)
{
  if (self->error == NULL)
    self->error = g_strdup (error->message);
}

static void
on_calls_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentCustomerHistory) self = user_data;
  g_autoptr(GListModel) calls = NULL;
  g_autoptr(GError) error = NULL;

  calls = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (calls == NULL)
    take_error (self, error);
  else
    for (guint i = 0; i < g_list_model_get_n_items (calls); i++)
      {
        TimelineItem *entry = g_new0 (TimelineItem, 1);
        BbhCallRecord *record = g_list_model_get_item (calls, i);
        GDateTime *time = bbh_call_record_get_start_date_time (record);

        entry->item = G_OBJECT (record);
        entry->time = time != NULL ? g_date_time_ref (time) : NULL;
        g_ptr_array_add (self->timeline, entry);
      }

  one_done (self);
}

static void
on_memos_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentCustomerHistory) self = user_data;
  g_autoptr(GListModel) memos = NULL;
  g_autoptr(GError) error = NULL;

  memos = bbh_client_get_memos_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (memos == NULL)
    take_error (self, error);
  else
    for (guint i = 0; i < g_list_model_get_n_items (memos); i++)
      {
        TimelineItem *entry = g_new0 (TimelineItem, 1);
        BbhMemo *memo = g_list_model_get_item (memos, i);

        entry->item = G_OBJECT (memo);
        entry->time = bbh_memo_dup_date_time (memo);
        g_ptr_array_add (self->timeline, entry);
      }

  one_done (self);
}

static void
agent_customer_history_dispose (GObject *object)
{
  AgentCustomerHistory *self = AGENT_CUSTOMER_HISTORY (object);

  agent_customer_history_clear (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CUSTOMER_HISTORY);

  G_OBJECT_CLASS (agent_customer_history_parent_class)->dispose (object);
}

static void
agent_customer_history_finalize (GObject *object)
{
  AgentCustomerHistory *self = AGENT_CUSTOMER_HISTORY (object);

  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (agent_customer_history_parent_class)->finalize (object);
}

static void
agent_customer_history_class_init (AgentCustomerHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_customer_history_dispose;
  object_class->finalize = agent_customer_history_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-customer-history.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerHistory, message_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerHistory, list);
}

static void
agent_customer_history_init (AgentCustomerHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->timeline = g_ptr_array_new_with_free_func (timeline_item_free);
}

GtkWidget *
agent_customer_history_new (void)
{
  return g_object_new (AGENT_TYPE_CUSTOMER_HISTORY, NULL);
}

/**
 * agent_customer_history_load:
 * @self: the timeline
 * @client: (nullable): the client to ask
 * @phones: (nullable): the customer's numbers, a #GListModel of #BbhCustomerPhone
 *
 * Asks for the calls and notes of every number and shows them once all are in.
 */
void
agent_customer_history_load (AgentCustomerHistory *self,
                             BbhClient            *client,
                             GListModel           *phones)
{
  guint n = phones != NULL ? g_list_model_get_n_items (phones) : 0;

  g_return_if_fail (AGENT_IS_CUSTOMER_HISTORY (self));

  agent_customer_history_clear (self);
  self->several_numbers = n > 1;

  if (client == NULL || n == 0)
    {
      self->waiting = 1;
      one_done (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");

  self->waiting = 2 * n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);
      g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
      const char *number = bbh_customer_phone_get_phone (phone);

      bbh_call_record_query_set_phone (query, number);
      bbh_call_record_query_set_page (query, 0, HISTORY_LIMIT);
      bbh_client_find_dial_record_async (client, query, self->cancellable, on_calls_cb,
                                         g_object_ref (self));
      bbh_client_get_memos_async (client, number, 0, HISTORY_LIMIT, self->cancellable,
                                  on_memos_cb, g_object_ref (self));
    }
}

/**
 * agent_customer_history_clear:
 *
 * Drops what is on its way; what is shown stays until the next load.
 */
void
agent_customer_history_clear (AgentCustomerHistory *self)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_HISTORY (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->timeline != NULL)
    g_ptr_array_set_size (self->timeline, 0);
  g_clear_pointer (&self->error, g_free);
  self->waiting = 0;
  self->n_items = 0;
  self->loaded = FALSE;
}

/**
 * agent_customer_history_get_n_items:
 *
 * Returns: how many calls and notes are shown
 */
guint
agent_customer_history_get_n_items (AgentCustomerHistory *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_HISTORY (self), 0);

  return self->n_items;
}

/**
 * agent_customer_history_get_loaded:
 *
 * Returns: whether every answer of the last load is in and shown
 */
gboolean
agent_customer_history_get_loaded (AgentCustomerHistory *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_HISTORY (self), FALSE);

  return self->loaded;
}
