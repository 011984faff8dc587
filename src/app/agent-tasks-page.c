/* agent-tasks-page.c — outbound tasks: their progress, their numbers, and "Call next"
 *
 * Showing the page only reads: the tasks come from findCallFlow, their progress and numbers
 * from findTaskMx (groupData: how many numbers are in each state). Only "Call Next" asks the
 * server for a number (getTaskDetailPhone), which hands it to this agent. The number is shown
 * with its customer record (getcustomer); Dial places the call like the `dial` action, the
 * page follows it through the event stream, and when it ends the result goes to the server
 * through the outbox (addCdrRecord with the task detail's dialCtdId).
 *
 * Some servers keep findCallFlow/findTaskMx to administrators: an agent then sees in words
 * that progress is not available, and Call Next still works.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-tasks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-outbox.h"
#include "agent-page.h"
#include "agent-paged-model.h"
#include "agent-phone.h"
#include "agent-popup-manager.h"
#include "agent-tasks-page.h"
#include "agent-window.h"

#define NUMBERS_PAGE_SIZE 50

typedef enum
{
  CALL_IDLE,
  CALL_LOADING,
  CALL_READY,
  CALL_DIALING,
  CALL_RINGING,
  CALL_TALKING,
  CALL_SAVING,
  CALL_SAVED,
  CALL_DONE,
} CallState;

static const char *call_state_names[] = {
  "idle", "loading", "ready", "dialing", "ringing", "talking", "saving", "saved", "done",
};

struct _AgentTasksPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkBox          *main_box;
  GtkStack        *call_next_stack;
  GtkLabel        *number_label;
  GtkLabel        *customer_label;
  GtkLabel        *task_label;
  GtkLabel        *state_label;
  GtkButton       *skip_button;
  GtkButton       *finish_button;
  GtkButton       *next_button;
  GtkButton       *dial_button;
  GtkLabel        *call_next_error;
  GtkStack        *tasks_stack;
  AdwStatusPage   *tasks_error_page;
  GtkListBox      *tasks_list;
  GtkStack        *numbers_stack;
  GtkLabel        *numbers_title;
  GtkListView     *numbers_view;
  GtkNoSelection  *numbers_selection;

  /* Owned */
  AgentSession    *session;
  BbhClient       *client;
  AgentOutbox     *outbox;
  GCancellable    *cancellable;       /* the page's reads */
  GCancellable    *call_cancellable;  /* the number in hand */
  GListStore      *tasks;             /* BbhCallFlow with a task */
  AgentPagedModel *numbers;
  BbhCallFlow     *selected;
  BbhTaskPhone    *current;
  GDateTime       *dial_time;
  GDateTime       *answer_time;
  GDateTime       *hangup_time;
  gint64           cdr_id;
  int              talk_seconds;
  gulong           call_event_id;
  CallState        state;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentTasksPage, agent_tasks_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

/* ---- number rows ---- */

static char *
number_status_cb (GtkListItem *item,
                  int          status)
{
  return g_strdup (status >= 0 ? bbh_task_detail_describe_status (status) : "");
}

static char *
number_time_cb (GtkListItem *item,
                const char  *time)
{
  int y, mo, d, h, mi;

  /* Only the day and the time: the year is this task's. */
  if (time != NULL && sscanf (time, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) == 5)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (y, mo, d, h, mi, 0);

      if (when != NULL)
        /* Translators: when a task's number was called, see strftime(3). */
        return g_date_time_format (when, _("%m-%d %H:%M"));
    }
  return g_strdup ("");
}

/* ---- helpers ---- */

static gboolean
same_phone (const char *a,
            const char *b)
{
  g_autofree char *x = a != NULL ? agent_phone_normalize (a, NULL) : NULL;
  g_autofree char *y = b != NULL ? agent_phone_normalize (b, NULL) : NULL;

  return x != NULL && y != NULL && g_str_equal (x, y);
}

static char *
format_server_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static void
show_call_error (AgentTasksPage *self,
                 const char     *message)
{
  gtk_label_set_label (self->call_next_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->call_next_error), message != NULL);
}

static void
set_state (AgentTasksPage *self,
           CallState       state)
{
  gboolean in_call = state == CALL_DIALING || state == CALL_RINGING || state == CALL_TALKING;

  self->state = state;

  switch (state)
    {
    case CALL_IDLE:
      gtk_stack_set_visible_child_name (self->call_next_stack, "idle");
      break;
    case CALL_LOADING:
      gtk_stack_set_visible_child_name (self->call_next_stack, "loading");
      break;
    case CALL_DONE:
      gtk_stack_set_visible_child_name (self->call_next_stack, "done");
      break;
    default:
      gtk_stack_set_visible_child_name (self->call_next_stack, "number");
      break;
    }

  switch (state)
    {
    case CALL_READY:
      gtk_label_set_label (self->state_label, _("Ready to dial"));
      break;
    case CALL_DIALING:
      gtk_label_set_label (self->state_label, _("Dialing…"));
      break;
    case CALL_RINGING:
      gtk_label_set_label (self->state_label, _("Ringing…"));
      break;
    case CALL_TALKING:
      gtk_label_set_label (self->state_label, _("Talking"));
      break;
    case CALL_SAVING:
      gtk_label_set_label (self->state_label, _("Saving the call’s result…"));
      break;
    case CALL_SAVED:
      gtk_label_set_label (self->state_label,
                           self->answer_time != NULL
                           ? _("Answered. The result is saved and reaches the server shortly.")
                           : _("Not answered. The result is saved and reaches the server shortly."));
      break;
    case CALL_IDLE:
    case CALL_LOADING:
    case CALL_DONE:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->dial_button), state == CALL_READY);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_button), state == CALL_READY);
  gtk_widget_set_visible (GTK_WIDGET (self->finish_button), in_call);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), state == CALL_SAVED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.dial", state == CALL_READY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.skip", state == CALL_READY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.finish", in_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.call-next",
                                 !in_call && state != CALL_LOADING && state != CALL_SAVING);
}

static void
forget_call (AgentTasksPage *self)
{
  if (self->call_cancellable != NULL)
    g_cancellable_cancel (self->call_cancellable);
  g_clear_object (&self->call_cancellable);
  g_clear_object (&self->current);
  g_clear_pointer (&self->dial_time, g_date_time_unref);
  g_clear_pointer (&self->answer_time, g_date_time_unref);
  g_clear_pointer (&self->hangup_time, g_date_time_unref);
  self->cdr_id = 0;
  self->talk_seconds = 0;
}

/* ---- progress and numbers ---- */

typedef struct
{
  GtkProgressBar *bar;
  GtkLabel       *label;
} ProgressRow;

static void
on_progress_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkListBoxRow) row = user_data;
  ProgressRow *widgets = g_object_get_data (G_OBJECT (row), "agent-progress");
  g_autoptr(GListModel) details = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 done = 0, total = 0;

  details = bbh_client_find_task_mx_finish (BBH_CLIENT (object), result, NULL, &groups, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || widgets == NULL)
    return;

  if (details == NULL)
    {
      gtk_label_set_label (widgets->label,
                           g_error_matches (error, BBH_ERROR, BBH_ERROR_PERMISSION)
                           ? _("Progress is not available to your account")
                           : error->message);
      gtk_widget_set_visible (GTK_WIDGET (widgets->bar), FALSE);
      return;
    }

  for (guint i = 0; groups != NULL && i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BbhTaskCount) count = g_list_model_get_item (groups, i);

      total += bbh_task_count_get_count (count);
      if (bbh_task_count_get_status (count) >= BBH_TASK_DETAIL_NOT_ANSWERED)
        done += bbh_task_count_get_count (count);
    }

  /* Translators: a task's progress: numbers done, of all its numbers. */
  text = g_strdup_printf (_("%u of %u done"), (guint) MIN (done, G_MAXUINT),
                          (guint) MIN (total, G_MAXUINT));
  gtk_label_set_label (widgets->label, text);
  gtk_progress_bar_set_fraction (widgets->bar, total > 0 ? (double) done / (double) total : 0.0);
  gtk_widget_set_visible (GTK_WIDGET (widgets->bar), TRUE);
  g_object_set_data (G_OBJECT (row), "agent-done", GINT_TO_POINTER ((int) MIN (done, G_MAXINT)));
  g_object_set_data (G_OBJECT (row), "agent-total", GINT_TO_POINTER ((int) MIN (total, G_MAXINT)));
}

static void
load_progress (AgentTasksPage *self,
               GtkListBoxRow  *row)
{
  BbhCallFlow *flow = g_object_get_data (G_OBJECT (row), "agent-flow");

  /* One row is enough: the counts come in groupData whatever the page size. */
  bbh_client_find_task_mx_async (self->client, bbh_call_flow_get_id (flow), BBH_TASK_FILTER_ALL,
                                 0, bbh_call_flow_get_task_name (flow), NULL, NULL, 0, 1,
                                 self->cancellable, on_progress_cb, g_object_ref (row));
}

static void
refresh_progress (AgentTasksPage *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->tasks_list, i)) != NULL; i++)
    load_progress (self, row);
}

static GtkWidget *
create_task_row_cb (gpointer item,
                    gpointer user_data)
{
  AgentTasksPage *self = user_data;
  BbhCallFlow *flow = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (bbh_call_flow_get_task_name (flow));
  GtkWidget *flow_label = gtk_label_new (bbh_call_flow_get_name (flow));
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *progress = gtk_label_new (_("Counting…"));
  ProgressRow *widgets = g_new0 (ProgressRow, 1);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (flow_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (flow_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (flow_label, "dim-label");
  gtk_widget_add_css_class (flow_label, "caption");
  gtk_widget_set_visible (bar, FALSE);
  gtk_label_set_xalign (GTK_LABEL (progress), 0);
  gtk_widget_add_css_class (progress, "caption");
  gtk_widget_add_css_class (progress, "numeric");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), flow_label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), progress);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  widgets->bar = GTK_PROGRESS_BAR (bar);
  widgets->label = GTK_LABEL (progress);
  g_object_set_data_full (G_OBJECT (row), "agent-progress", widgets, g_free);
  g_object_set_data_full (G_OBJECT (row), "agent-flow", g_object_ref (flow), g_object_unref);

  load_progress (self, GTK_LIST_BOX_ROW (row));
  return row;
}

static void
fetch_numbers (guint                start,
               guint                limit,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             callback_data,
               gpointer             user_data)
{
  AgentTasksPage *self = user_data;

  bbh_client_find_task_mx_async (self->client, bbh_call_flow_get_id (self->selected),
                                 BBH_TASK_FILTER_ALL, 0,
                                 bbh_call_flow_get_task_name (self->selected), NULL, NULL,
                                 start, limit, cancellable, callback, callback_data);
}

static GListModel *
finish_numbers (GAsyncResult  *result,
                guint64       *out_total,
                GError       **error,
                gpointer       user_data)
{
  AgentTasksPage *self = user_data;

  return bbh_client_find_task_mx_finish (self->client, result, out_total, NULL, error);
}

static void
on_numbers_loaded_cb (AgentTasksPage  *self,
                      guint            start,
                      guint            n_items,
                      AgentPagedModel *model)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autofree char *title = NULL;

  if (start != 0 || self->selected == NULL)
    return;

  /* Translators: the numbers list's title: a task's name and how many numbers it has. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u number", "%s · %u numbers", total),
                           bbh_call_flow_get_task_name (self->selected), total);
  gtk_label_set_label (self->numbers_title, title);
  gtk_stack_set_visible_child_name (self->numbers_stack, "list");
}

static void
on_numbers_error_cb (AgentTasksPage  *self,
                     GError          *error,
                     AgentPagedModel *model)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->numbers_stack, "none"));

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    return;

  adw_status_page_set_description (status,
                                   g_error_matches (error, BBH_ERROR, BBH_ERROR_PERMISSION)
                                   ? _("Your account may not look at this task’s numbers. Call Next still works.")
                                   : error->message);
  gtk_stack_set_visible_child_name (self->numbers_stack, "none");
}

static void
on_task_selected_cb (AgentTasksPage *self,
                     GtkListBoxRow  *row)
{
  BbhCallFlow *flow = row != NULL ? g_object_get_data (G_OBJECT (row), "agent-flow") : NULL;

  if (flow == NULL || flow == self->selected || self->client == NULL)
    return;

  g_set_object (&self->selected, flow);
  agent_paged_model_reload (self->numbers);
}

static void
on_call_flows_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentTasksPage) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep = self->selected != NULL ? bbh_call_flow_get_id (self->selected) : 0;
  guint n_tasks;

  flows = bbh_client_find_call_flow_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (flows == NULL)
    {
      if (g_error_matches (error, BBH_ERROR, BBH_ERROR_PERMISSION))
        gtk_stack_set_visible_child_name (self->tasks_stack, "unavailable");
      else
        {
          adw_status_page_set_description (self->tasks_error_page, error->message);
          gtk_stack_set_visible_child_name (self->tasks_stack, "error");
        }
      agent_page_loaded (AGENT_PAGE (self), 0);
      return;
    }

  g_list_store_remove_all (self->tasks);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(BbhCallFlow) flow = g_list_model_get_item (flows, i);
      const char *task = bbh_call_flow_get_task_name (flow);

      /* A flow no task uses yet has nothing to call. */
      if (task != NULL && *task != '\0')
        g_list_store_append (self->tasks, flow);
    }

  n_tasks = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  gtk_stack_set_visible_child_name (self->tasks_stack, n_tasks > 0 ? "list" : "empty");

  /* Keep the task that was chosen, or choose the first. */
  g_clear_object (&self->selected);
  if (n_tasks > 0)
    {
      GtkListBoxRow *chosen = gtk_list_box_get_row_at_index (self->tasks_list, 0);

      for (guint i = 0; keep != 0 && i < n_tasks; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->tasks_list, (int) i);
          BbhCallFlow *flow = g_object_get_data (G_OBJECT (row), "agent-flow");

          if (bbh_call_flow_get_id (flow) == keep)
            chosen = row;
        }
      gtk_list_box_select_row (self->tasks_list, chosen);
      on_task_selected_cb (self, chosen);
    }

  agent_page_loaded (AGENT_PAGE (self), n_tasks);
}

static void
load_tasks (AgentTasksPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->tasks)) == 0)
    gtk_stack_set_visible_child_name (self->tasks_stack, "loading");
  bbh_client_find_call_flow_async (self->client, 0, self->cancellable, on_call_flows_cb,
                                   g_object_ref (self));
}

/* ---- the number in hand ---- */

static void
on_cdr_queued_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentTasksPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error) <= 0)
    {
      g_autofree char *message = g_strdup_printf (_("The call’s result could not be saved: %s"),
                                                  error != NULL ? error->message : "");
      show_call_error (self, message);
      set_state (self, CALL_READY);
      return;
    }

  set_state (self, CALL_SAVED);
}

static void
save_result (AgentTasksPage *self)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dial_id = NULL;
  g_autofree char *ctd_id = NULL;
  g_autofree char *start = NULL;
  g_autofree char *hangup = NULL;
  g_autofree char *talk = NULL;
  gboolean answered = self->answer_time != NULL;
  static guint serial;

  if (self->current == NULL)
    return;

  if (self->outbox == NULL)
    {
      show_call_error (self, _("The call’s result cannot be saved yet: the outbox on this "
                               "computer is not open. Try Call Ended again in a moment."));
      return;
    }

  if (self->hangup_time == NULL)
    self->hangup_time = g_date_time_ref (now);
  if (self->dial_time == NULL)
    self->dial_time = g_date_time_ref (self->hangup_time);
  if (answered && self->talk_seconds <= 0)
    self->talk_seconds = (int) (g_date_time_difference (self->hangup_time, self->answer_time)
                                / G_TIME_SPAN_SECOND);

  /* Unique on this desktop: the time in microseconds, and a counter for the same instant. */
  dial_id = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () + (serial++ % 1000));
  ctd_id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_task_phone_get_task_detail_id (self->current));
  start = format_server_time (self->dial_time);
  hangup = format_server_time (self->hangup_time);
  talk = g_strdup_printf ("%d", answered ? MAX (self->talk_seconds, 0) : 0);

  json_object_set_string_member (fields, "dialId", dial_id);
  json_object_set_string_member (fields, "dialPhoneNum", bbh_task_phone_get_phone (self->current));
  json_object_set_string_member (fields, "dialPeer", "1");
  json_object_set_string_member (fields, "dialStartTime", start);
  if (answered)
    {
      g_autofree char *success = format_server_time (self->answer_time);

      json_object_set_string_member (fields, "dialSucessTime", success);
    }
  json_object_set_string_member (fields, "dialHangupTime", hangup);
  json_object_set_string_member (fields, "dialAnswer", answered ? "1" : "0");
  json_object_set_string_member (fields, "dialTalktime", talk);
  json_object_set_string_member (fields, "dialHangupReason", "16");
  json_object_set_string_member (fields, "dialCtdId", ctd_id);

  set_state (self, CALL_SAVING);
  agent_outbox_add_cdr_record_async (self->outbox, fields, self->cancellable, on_cdr_queued_cb,
                                     g_object_ref (self));
}

static void
on_call_event_cb (AgentTasksPage *self,
                  BbhEvent       *event,
                  AgentSession   *session)
{
  g_autoptr(GDateTime) when = NULL;
  gint64 ms;

  if (self->current == NULL || !bbh_event_is_call (event) ||
      (self->state != CALL_DIALING && self->state != CALL_RINGING && self->state != CALL_TALKING) ||
      !same_phone (bbh_event_get_phone (event), bbh_task_phone_get_phone (self->current)))
    return;

  ms = bbh_event_get_time_ms (event);
  when = ms > 0 ? g_date_time_new_from_unix_local (ms / 1000) : g_date_time_new_now_local ();

  if (bbh_event_is_hangup (event))
    {
      g_clear_pointer (&self->hangup_time, g_date_time_unref);
      self->hangup_time = g_date_time_ref (when);
      if (bbh_event_get_talk_seconds (event) > 0)
        {
          self->talk_seconds = bbh_event_get_talk_seconds (event);
          if (self->answer_time == NULL)
            self->answer_time = g_date_time_add_seconds (when, -self->talk_seconds);
        }
      self->cdr_id = bbh_event_get_cdr_id (event);
      save_result (self);
    }
  else if (bbh_event_is_answered (event))
    {
      g_clear_pointer (&self->answer_time, g_date_time_unref);
      self->answer_time = g_date_time_ref (when);
      set_state (self, CALL_TALKING);
    }
  else if (bbh_event_is_ringing (event) && self->state == CALL_DIALING)
    set_state (self, CALL_RINGING);
}

static void
on_customer_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentTasksPage) self = user_data;
  g_autoptr(BbhCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *name, *corp;

  customer = bbh_client_get_customer_finish (BBH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (customer == NULL)
    {
      /* No customer has this number: no error, or “does not exist” from some servers. */
      gtk_label_set_label (self->customer_label,
                           error == NULL || g_error_matches (error, BBH_ERROR, BBH_ERROR_NOT_FOUND)
                           ? _("Not among your customers yet")
                           : error->message);
      return;
    }

  name = bbh_customer_get_name (customer);
  corp = bbh_customer_get_corp_name (customer);
  if (name != NULL && *name != '\0' && corp != NULL && *corp != '\0')
    {
      g_autofree char *text = g_strdup_printf ("%s · %s", name, corp);

      gtk_label_set_label (self->customer_label, text);
    }
  else if (name != NULL && *name != '\0')
    gtk_label_set_label (self->customer_label, name);
  else if (corp != NULL && *corp != '\0')
    gtk_label_set_label (self->customer_label, corp);
  else
    gtk_label_set_label (self->customer_label, _("A customer without a name"));
}

/* The task a handed-out number belongs to. The document's answer names only the flow (cfId),
 * and several tasks may follow one flow: then the task id (ctkId, sent by servers that have
 * it) decides, and without it the task is named only when one task follows that flow. */
static const char *
task_name_of (AgentTasksPage *self,
              BbhTaskPhone   *phone)
{
  gint64 flow_id = bbh_task_phone_get_flow_id (phone);
  gint64 task_id = bbh_task_phone_get_task_id (phone);
  const char *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tasks)); i++)
    {
      g_autoptr(BbhCallFlow) flow = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);

      if (task_id != 0 && bbh_call_flow_get_task_id (flow) != 0)
        {
          if (bbh_call_flow_get_task_id (flow) == task_id)
            return bbh_call_flow_get_task_name (flow);
          continue;
        }
      if (bbh_call_flow_get_id (flow) != flow_id)
        continue;
      if (found != NULL)
        return NULL;
      found = bbh_call_flow_get_task_name (flow);
    }
  return found;
}

static void
on_next_phone_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentTasksPage) self = user_data;
  g_autoptr(BbhTaskPhone) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const char *task;

  next = bbh_client_get_task_detail_phone_finish (BBH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (next == NULL)
    {
      if (g_error_matches (error, BBH_ERROR, BBH_ERROR_NOT_FOUND))
        set_state (self, CALL_DONE);
      else
        {
          g_autofree char *message = g_strdup_printf (_("No number to call: %s"), error->message);

          show_call_error (self, message);
          set_state (self, CALL_IDLE);
        }
      return;
    }

  self->current = g_steal_pointer (&next);
  number = agent_phone_format (bbh_task_phone_get_phone (self->current));
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->customer_label, _("Looking up the customer…"));
  task = task_name_of (self, self->current);
  if (task != NULL)
    {
      /* Translators: which outbound task a number is from. */
      g_autofree char *text = g_strdup_printf (_("From the task “%s”"), task);

      gtk_label_set_label (self->task_label, text);
    }
  else
    gtk_label_set_label (self->task_label, _("From your outbound tasks"));
  set_state (self, CALL_READY);

  bbh_client_get_customer_async (self->client, bbh_task_phone_get_phone (self->current),
                                 self->call_cancellable, on_customer_cb, g_object_ref (self));
}

static void
call_next (AgentTasksPage *self)
{
  if (self->client == NULL)
    return;

  forget_call (self);
  show_call_error (self, NULL);
  self->call_cancellable = g_cancellable_new ();
  set_state (self, CALL_LOADING);
  bbh_client_get_task_detail_phone_async (self->client, self->call_cancellable,
                                          on_next_phone_cb, g_object_ref (self));
}

static void
call_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  call_next (AGENT_TASKS_PAGE (widget));
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* Nothing was called: nothing to record. The server keeps it handed out to this agent. */
  call_next (AGENT_TASKS_PAGE (widget));
}

static void
dial_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentTasksPage *self = AGENT_TASKS_PAGE (widget);

  if (self->current == NULL)
    return;

  g_clear_pointer (&self->dial_time, g_date_time_unref);
  self->dial_time = g_date_time_new_now_local ();
  show_call_error (self, NULL);
  set_state (self, CALL_DIALING);
  gtk_widget_activate_action (widget, "app.dial", "s", bbh_task_phone_get_phone (self->current));
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  save_result (AGENT_TASKS_PAGE (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AgentTasksPage *self = AGENT_TASKS_PAGE (widget);

  if (self->client != NULL)
    {
      gtk_stack_set_visible_child_name (self->tasks_stack, "loading");
      load_tasks (self);
    }
}

static void
on_delivered_cb (AgentTasksPage  *self,
                 gint64           id,
                 AgentOutboxKind  kind,
                 const char      *phone,
                 AgentOutbox     *outbox)
{
  /* A result reached the server: the task moved on. */
  if (kind != AGENT_OUTBOX_KIND_CDR_RECORD || self->client == NULL)
    return;

  refresh_progress (self);
  if (self->selected != NULL)
    agent_paged_model_reload (self->numbers);
}

static void
ensure_outbox (AgentTasksPage *self)
{
  GApplication *application = g_application_get_default ();
  AgentPopupManager *manager;
  AgentOutbox *outbox;

  if (self->outbox != NULL || !GTK_IS_APPLICATION (application))
    return;

  manager = agent_popup_manager_get_for_application (GTK_APPLICATION (application));
  outbox = manager != NULL ? agent_popup_manager_get_outbox (manager) : NULL;
  if (outbox == NULL)
    return;

  self->outbox = g_object_ref (outbox);
  g_signal_connect_object (outbox, "delivered", G_CALLBACK (on_delivered_cb), self,
                           G_CONNECT_SWAPPED);
}

/* ---- AgentPage ---- */

static void
agent_tasks_page_load (AgentPage    *page,
                       AgentSession *session)
{
  AgentTasksPage *self = AGENT_TASKS_PAGE (page);

  if (self->session != session)
    {
      if (self->session != NULL)
        g_clear_signal_handler (&self->call_event_id, self->session);
      g_set_object (&self->session, session);
      self->call_event_id = g_signal_connect_object (session, "call-event",
                                                     G_CALLBACK (on_call_event_cb), self,
                                                     G_CONNECT_SWAPPED);
    }

  if (self->client != agent_session_get_client (session))
    {
      /* Another login: what was in hand belonged to the other session. */
      forget_call (self);
      set_state (self, CALL_IDLE);
      g_clear_object (&self->selected);
      agent_paged_model_clear (self->numbers);
      gtk_stack_set_visible_child_name (self->numbers_stack, "none");
      g_set_object (&self->client, agent_session_get_client (session));
    }
  ensure_outbox (self);

  if (self->client == NULL)
    {
      agent_page_loaded (page, 0);
      return;
    }

  load_tasks (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_tasks_page_load;
}

/* ---- GObject ---- */

static void
agent_tasks_page_dispose (GObject *object)
{
  AgentTasksPage *self = AGENT_TASKS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  forget_call (self);
  if (self->session != NULL)
    g_clear_signal_handler (&self->call_event_id, self->session);
  if (self->tasks_list != NULL)
    gtk_list_box_bind_model (self->tasks_list, NULL, NULL, NULL, NULL);
  if (self->numbers_selection != NULL)
    gtk_no_selection_set_model (self->numbers_selection, NULL);
  g_clear_object (&self->numbers);
  g_clear_object (&self->tasks);
  g_clear_object (&self->selected);
  g_clear_object (&self->outbox);
  g_clear_object (&self->client);
  g_clear_object (&self->session);

  /* The box is both AdwBin's child and a template child: let AdwBin let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_TASKS_PAGE);

  G_OBJECT_CLASS (agent_tasks_page_parent_class)->dispose (object);
}

static void
agent_tasks_page_class_init (AgentTasksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_tasks_page_dispose;

  g_type_ensure (BBH_TYPE_TASK_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-tasks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, call_next_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, customer_label);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, task_label);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, skip_button);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, finish_button);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, dial_button);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, call_next_error);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, tasks_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, tasks_error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, numbers_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, numbers_title);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, numbers_view);
  gtk_widget_class_bind_template_child (widget_class, AgentTasksPage, numbers_selection);
  gtk_widget_class_bind_template_callback (widget_class, on_task_selected_cb);

  gtk_widget_class_install_action (widget_class, "tasks.call-next", NULL, call_next_action);
  gtk_widget_class_install_action (widget_class, "tasks.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "tasks.dial", NULL, dial_action);
  gtk_widget_class_install_action (widget_class, "tasks.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "tasks.retry", NULL, retry_action);
}

static void
agent_tasks_page_init (AgentTasksPage *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->tasks = g_list_store_new (BBH_TYPE_CALL_FLOW);
  gtk_list_box_bind_model (self->tasks_list, G_LIST_MODEL (self->tasks), create_task_row_cb,
                           self, NULL);

  self->numbers = agent_paged_model_new (BBH_TYPE_TASK_DETAIL, NUMBERS_PAGE_SIZE);
  agent_paged_model_set_fetch_func (self->numbers, fetch_numbers, finish_numbers, self, NULL);
  g_signal_connect_object (self->numbers, "page-loaded", G_CALLBACK (on_numbers_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->numbers, "error", G_CALLBACK (on_numbers_error_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_no_selection_set_model (self->numbers_selection, G_LIST_MODEL (self->numbers));

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "number_status_cb", G_CALLBACK (number_status_cb),
                                           "number_time_cb", G_CALLBACK (number_time_cb),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (
    scope, "/org/babaihu/Agent/agent-task-number-row.ui");
  gtk_list_view_set_factory (self->numbers_view, factory);

  set_state (self, CALL_IDLE);
}

GtkWidget *
agent_tasks_page_new (void)
{
  return g_object_new (AGENT_TYPE_TASKS_PAGE, NULL);
}

/**
 * agent_tasks_page_get_current:
 *
 * Returns: (transfer none) (nullable): the number "Call Next" handed out, while it is in hand
 */
BbhTaskPhone *
agent_tasks_page_get_current (AgentTasksPage *self)
{
  g_return_val_if_fail (AGENT_IS_TASKS_PAGE (self), NULL);

  return self->current;
}

/**
 * agent_tasks_page_get_call_state:
 *
 * Returns: where "Call Next" is: `idle`, `loading`, `ready`, `dialing`, `ringing`, `talking`,
 *   `saving`, `saved` (the result is in the outbox) or `done` (nothing left to call)
 */
const char *
agent_tasks_page_get_call_state (AgentTasksPage *self)
{
  g_return_val_if_fail (AGENT_IS_TASKS_PAGE (self), NULL);

  return call_state_names[self->state];
}

/**
 * agent_tasks_page_get_tasks:
 *
 * Returns: (transfer none): the tasks listed (#BbhCallFlow rows that have a task)
 */
GListModel *
agent_tasks_page_get_tasks (AgentTasksPage *self)
{
  g_return_val_if_fail (AGENT_IS_TASKS_PAGE (self), NULL);

  return G_LIST_MODEL (self->tasks);
}

/**
 * agent_tasks_page_get_numbers:
 *
 * Returns: (transfer none): the chosen task's numbers (#BbhTaskDetail, paged)
 */
GListModel *
agent_tasks_page_get_numbers (AgentTasksPage *self)
{
  g_return_val_if_fail (AGENT_IS_TASKS_PAGE (self), NULL);

  return G_LIST_MODEL (self->numbers);
}
