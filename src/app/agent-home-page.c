/* agent-home-page.c — the agent's day at a glance
 *
 * The first page after login: today's figures for the agent (calls in, out and missed, talk
 * time, how long incoming calls rang before they were answered), a chart of the calls per
 * hour, the missed calls nobody called back yet (one click dials), and today's calls, newest
 * first. Everything comes from findDialrecord for the agent's extension since midnight, paged
 * through (a day of one agent is a few hundred rows at most). Its row count — today's calls —
 * is what `page-shown` reports for `home`. A hang-up refreshes it: the record lags the event
 * by a moment, so it looks twice.
 *
 * Counting rules: incoming is direction 2 (and 5, voicemail); everything else the agent
 * placed. A call is answered when it has an answer time or talk time; an incoming call that
 * was not (or went to voicemail) is missed. A missed number counts as called back once a later
 * call today reached or came from it and was answered, or the agent called it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-home-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-calls-chart.h"
#include "agent-home-page.h"
#include "agent-page.h"
#include "agent-phone.h"

#define PAGE_LIMIT        200
#define MAX_PAGES         20
#define MAX_CALLBACKS     8
#define REFRESH_MS        1500
#define REFRESH_AGAIN_MS  6000
/* The list shows the newest calls only: GTK 4.8's list view keeps up to about 200 row
 * widgets alive, ~22 KB each, so a busy day's list grew the page by megabytes (heaptrack,
 * BENCHMARKS.md). Only those records are kept: each page of the day is boiled down to a
 * few bytes a call (DayCall) for the figures, the chart and the numbers to call back, and
 * dropped — a busy day held thousands of call records and made them again after every
 * hang-up. Call History has them all. */
#define LIST_SHOWN        50

struct _AgentHomePage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkListView     *list_view;
  GtkNoSelection  *selection;
  GtkLabel        *summary_label;
  AdwStatusPage   *error_page;
  GtkLabel        *in_label;
  GtkLabel        *out_label;
  GtkLabel        *missed_label;
  GtkLabel        *talk_label;
  GtkLabel        *answer_label;
  AgentCallsChart *chart;
  GtkLabel        *callback_empty;
  GtkListBox      *callback_list;
  GtkStack        *calls_stack;
  GtkLabel        *more_label;

  /* Owned */
  GListStore      *calls;       /* the newest LIST_SHOWN calls */
  GArray          *pending;     /* DayCall: every call of the load under way */
  GPtrArray       *newest;      /* the newest LIST_SHOWN of the load under way */
  GStringChunk    *phones;      /* the pending calls' numbers */
  guint            n_calls;     /* calls counted by the last load */
  GCancellable    *cancellable;
  AgentSession    *session;
  guint64          total;
  guint            pages;
  guint            refresh_id;
  guint            refresh_again_id;
  gulong           call_event_id;
  AgentHomeCounts  counts;

  guint            report : 1;  /* the load answers show-page */
  guint            loaded : 1;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentHomePage, agent_home_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

/* ---- rows of today's calls (agent-call-row.ui) ---- */

static char *
direction_icon_cb (GtkListItem      *item,
                   BbhCallDirection  direction)
{
  switch (direction)
    {
    case BBH_CALL_DIRECTION_IN:
    case BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED:
      return g_strdup ("call-incoming-symbolic");
    case BBH_CALL_DIRECTION_OUT:
    case BBH_CALL_DIRECTION_CAMPAIGN_OUT:
      return g_strdup ("call-outgoing-symbolic");
    case BBH_CALL_DIRECTION_VOICEMAIL:
      return g_strdup ("mail-unread-symbolic");
    case BBH_CALL_DIRECTION_UNKNOWN:
    default:
      return g_strdup ("call-start-symbolic");
    }
}

static char *
time_of_day_cb (GtkListItem *item,
                GDateTime   *start)
{
  if (start == NULL)
    return g_strdup ("");
  return g_date_time_format (start, "%H:%M");
}

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60) % 60,
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static char *
talk_time_cb (GtkListItem *item,
              int          seconds)
{
  if (seconds <= 0)
    return g_strdup (_("Not answered"));
  return format_duration (seconds);
}

/* ---- counting ---- */

/* What the figures need of one call, so the records themselves need not be kept. */
typedef struct
{
  const char *phone;      /* in the page's string chunk; NULL when there is none */
  gint64      start_us;   /* 0 when unknown */
  gint64      wait_us;    /* ringing before an incoming call was answered, or -1 */
  int         talk_seconds;
  guint8      hour;
  guint       incoming : 1;
  guint       answered : 1;
} DayCall;

static gboolean
is_incoming (BbhCallRecord *call)
{
  BbhCallDirection direction = bbh_call_record_get_direction (call);

  return direction == BBH_CALL_DIRECTION_IN || direction == BBH_CALL_DIRECTION_VOICEMAIL;
}

static gboolean
is_answered (BbhCallRecord *call)
{
  if (bbh_call_record_get_direction (call) == BBH_CALL_DIRECTION_VOICEMAIL)
    return FALSE;
  return bbh_call_record_get_talk_time (call) > 0 ||
         bbh_call_record_get_success_date_time (call) != NULL;
}

static gint64
start_us (BbhCallRecord *call)
{
  GDateTime *start = bbh_call_record_get_start_date_time (call);

  return start != NULL ? g_date_time_to_unix (start) * G_USEC_PER_SEC : 0;
}

static DayCall
day_call (BbhCallRecord *call,
          GStringChunk  *phones)
{
  GDateTime *start = bbh_call_record_get_start_date_time (call);
  GDateTime *success = bbh_call_record_get_success_date_time (call);
  const char *phone = bbh_call_record_get_phone (call);
  DayCall day = { 0 };

  day.phone = phone != NULL && *phone != '\0' ? g_string_chunk_insert_const (phones, phone) : NULL;
  day.start_us = start_us (call);
  day.hour = start != NULL ? (guint8) g_date_time_get_hour (start) : 0;
  day.incoming = is_incoming (call);
  day.answered = is_answered (call);
  day.talk_seconds = MAX (bbh_call_record_get_talk_time (call), 0);
  day.wait_us = day.incoming && day.answered && start != NULL && success != NULL
                ? MAX (g_date_time_difference (success, start), 0) : -1;
  return day;
}

static int
compare_day_start (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = ((const DayCall *) a)->start_us;
  gint64 y = ((const DayCall *) b)->start_us;

  return x < y ? -1 : x > y;
}

/* Newest first; a call without a time goes last. */
static int
compare_newest (gconstpointer a,
                gconstpointer b)
{
  gint64 x = start_us (*(BbhCallRecord **) a);
  gint64 y = start_us (*(BbhCallRecord **) b);

  return x > y ? -1 : x < y;
}

typedef struct
{
  char   *phone;
  gint64  last_missed_us;
  guint   times;
} Missed;

static void
missed_free (Missed *missed)
{
  g_free (missed->phone);
  g_free (missed);
}

static int
compare_missed (gconstpointer a,
                gconstpointer b)
{
  const Missed *x = *(Missed **) a;
  const Missed *y = *(Missed **) b;

  /* The latest on top. */
  return x->last_missed_us > y->last_missed_us ? -1 : x->last_missed_us < y->last_missed_us;
}

/* Missed numbers nobody called back since, latest first. Sorts @calls by time. */
static GPtrArray *
find_callbacks (GArray *calls)
{
  g_autoptr(GHashTable) by_phone = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) missed_free);

  g_array_sort (calls, compare_day_start);
  for (guint i = 0; i < calls->len; i++)
    {
      const DayCall *call = &g_array_index (calls, DayCall, i);
      Missed *missed;

      if (call->phone == NULL)
        continue;

      missed = g_hash_table_lookup (by_phone, call->phone);
      if (call->incoming && !call->answered)
        {
          if (missed == NULL)
            {
              missed = g_new0 (Missed, 1);
              missed->phone = g_strdup (call->phone);
              g_ptr_array_add (result, missed);
              g_hash_table_insert (by_phone, missed->phone, missed);
            }
          missed->last_missed_us = call->start_us;
          missed->times++;
        }
      else if (missed != NULL)
        {
          /* Called back, or they called again and got through. */
          g_hash_table_remove (by_phone, call->phone);
          g_ptr_array_remove_fast (result, missed);
        }
    }

  g_ptr_array_sort (result, compare_missed);
  return result;
}

static void
count (AgentHomePage *self,
       GArray        *calls)
{
  guint answered[AGENT_CALLS_CHART_HOURS] = { 0 };
  guint missed[AGENT_CALLS_CHART_HOURS] = { 0 };
  guint unanswered[AGENT_CALLS_CHART_HOURS] = { 0 };
  gint64 answer_wait = 0;
  guint answered_in = 0;

  memset (&self->counts, 0, sizeof self->counts);

  for (guint i = 0; i < calls->len; i++)
    {
      const DayCall *call = &g_array_index (calls, DayCall, i);
      guint hour = MIN (call->hour, AGENT_CALLS_CHART_HOURS - 1);

      if (call->incoming)
        self->counts.in++;
      else
        self->counts.out++;

      if (call->answered)
        {
          answered[hour]++;
          self->counts.talk_seconds += call->talk_seconds;
          if (call->wait_us >= 0)
            {
              answer_wait += call->wait_us;
              answered_in++;
            }
        }
      else if (call->incoming)
        {
          missed[hour]++;
          self->counts.missed++;
        }
      else
        unanswered[hour]++;
    }

  self->counts.answered_in = answered_in;
  self->counts.average_answer_seconds =
    answered_in > 0 ? (double) answer_wait / G_USEC_PER_SEC / answered_in : 0.0;
  agent_calls_chart_set_hours (self->chart, answered, missed, unanswered);
}

/* ---- showing ---- */

static GtkWidget *
callback_row (Missed *missed)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (missed->last_missed_us / G_USEC_PER_SEC);
  g_autofree char *number = agent_phone_format (missed->phone);
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("call-start-symbolic");

  if (missed->times > 1)
    /* Translators: a number that called and was missed several times today. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Missed %u time, last at %s",
                                             "Missed %u times, last at %s", missed->times),
                                missed->times, time);
  else
    /* Translators: when a call was missed today. */
    subtitle = g_strdup_printf (_("Missed at %s"), time);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), number);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (button, _("Call Back"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* The target first: an action name without its target would not match app.dial's type. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (missed->phone));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.dial");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_object_set_data_full (G_OBJECT (row), "agent-phone", g_strdup (missed->phone), g_free);
  return row;
}

static void
show_callbacks (AgentHomePage *self,
                GArray        *calls)
{
  g_autoptr(GPtrArray) callbacks = find_callbacks (calls);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->callback_list))) != NULL)
    gtk_list_box_remove (self->callback_list, child);

  self->counts.to_call_back = callbacks->len;
  for (guint i = 0; i < callbacks->len && i < MAX_CALLBACKS; i++)
    gtk_list_box_append (self->callback_list, callback_row (g_ptr_array_index (callbacks, i)));
  if (callbacks->len > MAX_CALLBACKS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more in the call history",
                                                            "And %u more in the call history",
                                                            callbacks->len - MAX_CALLBACKS),
                                               callbacks->len - MAX_CALLBACKS);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->callback_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->callback_list), callbacks->len > 0);
  gtk_label_set_label (self->callback_empty,
                       self->counts.missed > 0 ? _("Every missed call today was called back")
                                               : _("No missed calls today"));
  gtk_widget_set_visible (GTK_WIDGET (self->callback_empty), callbacks->len == 0);
}

static void
set_number (GtkLabel *label,
            guint     value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_label_set_label (label, text);
}

static void
show_today (AgentHomePage *self)
{
  guint n = self->n_calls;
  g_autofree char *summary = NULL;
  g_autofree char *talk = NULL;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call today", "%u calls today",
                                          (gulong) self->total),
                             (guint) self->total);
  gtk_label_set_label (self->summary_label, summary);

  set_number (self->in_label, self->counts.in);
  set_number (self->out_label, self->counts.out);
  set_number (self->missed_label, self->counts.missed);
  talk = format_duration (self->counts.talk_seconds);
  gtk_label_set_label (self->talk_label, talk);
  if (self->counts.answered_in > 0)
    {
      /* Translators: the average time incoming calls rang before being answered. */
      g_autofree char *answer = g_strdup_printf (_("%.0f s"), self->counts.average_answer_seconds);

      gtk_label_set_label (self->answer_label, answer);
    }
  else
    gtk_label_set_label (self->answer_label, "—");

  if (n > LIST_SHOWN)
    {
      g_autofree char *more = NULL;

      /* Translators: under the list of today's calls on the home page. */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The newest %u calls are listed; %u more is in Call History",
                                           "The newest %u calls are listed; %u more are in Call History",
                                           (gulong) (n - LIST_SHOWN)),
                              (guint) LIST_SHOWN, n - LIST_SHOWN);
      gtk_label_set_label (self->more_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n > LIST_SHOWN);
  gtk_stack_set_visible_child_name (self->calls_stack, n > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->stack, "today");
}

/* ---- loading ---- */

static void fetch_page (AgentHomePage *self);

static void
clear_pending (AgentHomePage *self)
{
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->newest, g_ptr_array_unref);
  g_clear_pointer (&self->phones, g_string_chunk_free);
}

static void
finish_load (AgentHomePage *self)
{
  g_autoptr(GArray) calls = g_steal_pointer (&self->pending);
  g_autoptr(GPtrArray) newest = g_steal_pointer (&self->newest);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->calls));

  g_list_store_splice (self->calls, 0, old, newest->pdata, newest->len);
  self->n_calls = calls->len;
  self->total = MAX (self->total, calls->len);
  count (self, calls);
  show_callbacks (self, calls);
  show_today (self);
  /* The numbers of the missed calls were copied: the chunk can go. */
  clear_pending (self);
  self->loaded = TRUE;

  if (self->report)
    {
      self->report = FALSE;
      agent_page_loaded (AGENT_PAGE (self), (guint) MIN (self->total, G_MAXUINT));
    }
}

static void
on_find_dial_record_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AgentHomePage) self = user_data;
  g_autoptr(GListModel) calls = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;
  guint n;

  calls = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, &total, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (calls == NULL)
    {
      clear_pending (self);
      /* A refresh that failed keeps what is on screen. */
      if (self->report || !self->loaded)
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      if (self->report)
        {
          self->report = FALSE;
          agent_page_loaded (AGENT_PAGE (self), 0);
        }
      return;
    }

  n = g_list_model_get_n_items (calls);
  for (guint i = 0; i < n; i++)
    {
      BbhCallRecord *call = g_list_model_get_item (calls, i);
      DayCall day = day_call (call, self->phones);

      g_array_append_val (self->pending, day);
      g_ptr_array_add (self->newest, call);
    }
  /* Keep the newest few whatever order the server answers in. */
  g_ptr_array_sort (self->newest, compare_newest);
  if (self->newest->len > LIST_SHOWN)
    g_ptr_array_set_size (self->newest, LIST_SHOWN);
  if (self->pages == 0)
    self->total = total;
  self->pages++;

  if (n == PAGE_LIMIT && self->pending->len < self->total && self->pages < MAX_PAGES)
    fetch_page (self);
  else
    finish_load (self);
}

static void
fetch_page (AgentHomePage *self)
{
  BbhClient *client = agent_session_get_client (self->session);
  BbhExtension *extension = agent_session_get_extension (self->session);
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  const char *extensions[2] = { NULL, NULL };

  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = g_date_time_add_days (midnight, 1);

  extensions[0] = extension != NULL ? bbh_extension_get_extension (extension) : NULL;
  if (extensions[0] != NULL && *extensions[0] != '\0')
    bbh_call_record_query_set_extensions (query, extensions);
  bbh_call_record_query_set_time_range (query, midnight, tomorrow);
  bbh_call_record_query_set_page (query, self->pending->len, PAGE_LIMIT);

  bbh_client_find_dial_record_async (client, query, self->cancellable, on_find_dial_record_cb,
                                     g_object_ref (self));
}

static void
start_load (AgentHomePage *self,
            gboolean       report)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_pending (self);
  self->report = self->report || report;

  if (self->session == NULL || agent_session_get_client (self->session) == NULL ||
      agent_session_get_extension (self->session) == NULL)
    {
      if (self->report)
        {
          self->report = FALSE;
          agent_page_loaded (AGENT_PAGE (self), 0);
        }
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->pending = g_array_new (FALSE, FALSE, sizeof (DayCall));
  self->newest = g_ptr_array_new_with_free_func (g_object_unref);
  self->phones = g_string_chunk_new (1024);
  self->pages = 0;
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  fetch_page (self);
}

static gboolean
on_refresh_cb (gpointer user_data)
{
  AgentHomePage *self = user_data;

  self->refresh_id = 0;
  if (self->session != NULL && agent_session_get_logged_in (self->session))
    start_load (self, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
on_refresh_again_cb (gpointer user_data)
{
  AgentHomePage *self = user_data;

  self->refresh_again_id = 0;
  return on_refresh_cb (self);
}

static void
on_call_event_cb (AgentHomePage *self,
                  BbhEvent      *event,
                  AgentSession  *session)
{
  if (!bbh_event_is_call (event) || !bbh_event_is_hangup (event) || bbh_event_get_backlog (event))
    return;

  /* The call record lags the hang-up: look soon, and once more a little later. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->refresh_again_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_MS, on_refresh_cb, self);
  self->refresh_again_id = g_timeout_add (REFRESH_AGAIN_MS, on_refresh_again_cb, self);
}

/* ---- AgentPage ---- */

static void
agent_home_page_load (AgentPage    *page,
                      AgentSession *session)
{
  AgentHomePage *self = AGENT_HOME_PAGE (page);

  if (self->session != session)
    {
      if (self->session != NULL)
        g_clear_signal_handler (&self->call_event_id, self->session);
      g_set_object (&self->session, session);
      self->call_event_id = g_signal_connect_object (session, "call-event",
                                                     G_CALLBACK (on_call_event_cb), self,
                                                     G_CONNECT_SWAPPED);
    }

  start_load (self, TRUE);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_home_page_load;
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AgentHomePage *self = AGENT_HOME_PAGE (widget);

  if (self->session != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      start_load (self, FALSE);
    }
}

/* ---- GObject ---- */

static void
agent_home_page_dispose (GObject *object)
{
  AgentHomePage *self = AGENT_HOME_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->refresh_again_id, g_source_remove);
  if (self->session != NULL)
    g_clear_signal_handler (&self->call_event_id, self->session);
  clear_pending (self);
  if (self->selection != NULL)
    gtk_no_selection_set_model (self->selection, NULL);
  g_clear_object (&self->calls);
  g_clear_object (&self->session);

  /* The stack is both AdwBin's child and a template child: let AdwBin let go of it first,
   * or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_HOME_PAGE);

  G_OBJECT_CLASS (agent_home_page_parent_class)->dispose (object);
}

static void
agent_home_page_class_init (AgentHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_home_page_dispose;

  g_type_ensure (BBH_TYPE_CALL_RECORD);
  g_type_ensure (AGENT_TYPE_CALLS_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, selection);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, in_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, out_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, missed_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, talk_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, answer_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, chart);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, callback_empty);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, callback_list);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, calls_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, more_label);

  gtk_widget_class_install_action (widget_class, "home.retry", NULL, retry_action);
}

static void
agent_home_page_init (AgentHomePage *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->calls = g_list_store_new (BBH_TYPE_CALL_RECORD);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->calls));

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "direction_icon_cb", G_CALLBACK (direction_icon_cb),
                                           "time_of_day_cb", G_CALLBACK (time_of_day_cb),
                                           "talk_time_cb", G_CALLBACK (talk_time_cb),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/org/babaihu/Agent/agent-call-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
}

GtkWidget *
agent_home_page_new (void)
{
  return g_object_new (AGENT_TYPE_HOME_PAGE, NULL);
}

/**
 * agent_home_page_get_calls:
 *
 * Returns: (transfer none) (nullable): the newest of today's calls as last loaded
 *   (#BbhCallRecord), newest first — the ones listed; agent_home_page_get_n_calls() counts
 *   them all
 */
GListModel *
agent_home_page_get_calls (AgentHomePage *self)
{
  g_return_val_if_fail (AGENT_IS_HOME_PAGE (self), NULL);

  return self->loaded ? G_LIST_MODEL (self->calls) : NULL;
}

/**
 * agent_home_page_get_counts:
 *
 * Returns: (transfer none): today's figures as last loaded
 */
const AgentHomeCounts *
agent_home_page_get_counts (AgentHomePage *self)
{
  g_return_val_if_fail (AGENT_IS_HOME_PAGE (self), NULL);

  return &self->counts;
}

/**
 * agent_home_page_get_loaded:
 *
 * Returns: whether today's calls were loaded at least once
 */
gboolean
agent_home_page_get_loaded (AgentHomePage *self)
{
  g_return_val_if_fail (AGENT_IS_HOME_PAGE (self), FALSE);

  return self->loaded;
}

/**
 * agent_home_page_get_n_calls:
 *
 * Returns: how many of today's calls the last load counted (the list shows the newest of them)
 */
guint
agent_home_page_get_n_calls (AgentHomePage *self)
{
  g_return_val_if_fail (AGENT_IS_HOME_PAGE (self), 0);

  return self->n_calls;
}
