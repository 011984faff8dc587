/* agent-history-page.c — the call history: every call, filtered, paged from the server
 *
 * findDialrecord pages into an AgentPagedModel shown by a GtkColumnView, so a history of
 * 100 000 calls only ever fetches the pages on screen. The filters (date range, direction,
 * number, talk time and, for administrators, agents) become the query's parameters and reload
 * the model.
 *
 * Sorting: findDialrecord takes no order parameter (800ing API v6.6, 2.4.1 and 2.7.1); the
 * server answers newest first. So only the Time column sorts, and only by turning the server's
 * order around: newest first is the server's order, oldest first shows row i as the server's
 * row (total − 1 − i) — AgentPagedModel's `reversed`, which asks for the pages from the end.
 * The other columns cannot be ordered by the server, and sorting a lazily paged list on the
 * client would mean fetching every row, so they do not sort.
 *
 * Each row offers call back (app.dial), open customer (app.open-customer), a memo (through the
 * outbox), playing and downloading its recording and, for administrators, blocking the number.
 * The player bar at the bottom plays recordings; the page also answers the `play-recording`
 * action (AgentApplication::play-recording-requested), which looks the call up by its id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-history-page-private.h"
#include "agent-page.h"
#include "agent-window.h"

#define PAGE_SIZE 100
/* Rows fetched beyond the last one on screen, so that scrolling on finds them there. Nothing
 * is fetched while the list is dragged faster than FAST_ROWS a second: the pages would be
 * passed before their answers came, and reading the answers would take the frames' time; the
 * rows on screen and the pages ahead follow when the list slows down (SETTLE_MS). */
#define AHEAD_ROWS 300
#define FAST_ROWS  1000
#define SETTLE_MS  150

typedef enum
{
  RANGE_ANY,
  RANGE_TODAY,
  RANGE_YESTERDAY,
  RANGE_THIS_WEEK,
  RANGE_CUSTOM,
} Range;

static const BbhCallDirection directions[] = {
  BBH_CALL_DIRECTION_UNKNOWN,   /* all */
  BBH_CALL_DIRECTION_IN,
  BBH_CALL_DIRECTION_OUT,
  BBH_CALL_DIRECTION_CAMPAIGN_OUT,
  BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED,
  BBH_CALL_DIRECTION_VOICEMAIL,
};


static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentHistoryPage, agent_history_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

/* ---- small helpers ---- */

BbhClient *
agent_history_page_client (AgentHistoryPage *self)
{
  if (self->session == NULL || !agent_session_get_logged_in (self->session))
    return NULL;
  return agent_session_get_client (self->session);
}

gboolean
agent_history_page_is_admin (AgentHistoryPage *self)
{
  return self->session != NULL && agent_session_get_is_admin (self->session);
}

void
agent_history_page_toast (AgentHistoryPage *self,
       const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (AGENT_IS_WINDOW (root))
    agent_window_add_toast (AGENT_WINDOW (root), message);
  else
    g_message ("%s", message);
}

BbhCallRecord *
agent_history_page_record_at (AgentHistoryPage *self,
           guint             position)
{
  return agent_paged_model_peek_item (self->model, position);
}

static char *
describe_record (BbhCallRecord *record)
{
  GDateTime *start = bbh_call_record_get_start_date_time (record);
  g_autofree char *when = NULL;
  const char *phone = bbh_call_record_get_phone (record);
  const char *name = bbh_call_record_get_called_name (record);

  if (start != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (start);
      when = g_date_time_format (local, "%x %R");
    }

  /* A call in the player's title: "number (customer) — date time" */
  if (name != NULL && *name != '\0')
    return g_strdup_printf (_("%s (%s) — %s"), phone ? phone : "", name, when ? when : "");
  return g_strdup_printf (_("%s — %s"), phone ? phone : "", when ? when : "");
}

/* ---- the query ---- */

static GDateTime *
day_start (GDateTime *when)
{
  return g_date_time_new_local (g_date_time_get_year (when), g_date_time_get_month (when),
                                g_date_time_get_day_of_month (when), 0, 0, 0);
}

static GDateTime *
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return day_start (date);
}

static void
update_date_buttons (AgentHistoryPage *self)
{
  g_autoptr(GDateTime) from = gtk_calendar_get_date (self->from_calendar);
  g_autoptr(GDateTime) to = gtk_calendar_get_date (self->to_calendar);
  g_autofree char *from_text = g_date_time_format (from, "%x");
  g_autofree char *to_text = g_date_time_format (to, "%x");

  gtk_menu_button_set_label (self->from_button, from_text);
  gtk_menu_button_set_label (self->to_button, to_text);
}

/* [start, end) of the chosen range, in local time; NULL for "any time". */
static void
get_range (AgentHistoryPage  *self,
           GDateTime        **out_start,
           GDateTime        **out_end)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = day_start (now);

  *out_start = NULL;
  *out_end = NULL;

  switch ((Range) gtk_drop_down_get_selected (self->range_dropdown))
    {
    case RANGE_TODAY:
      *out_start = g_date_time_ref (today);
      *out_end = g_date_time_add_days (today, 1);
      break;

    case RANGE_YESTERDAY:
      *out_start = g_date_time_add_days (today, -1);
      *out_end = g_date_time_ref (today);
      break;

    case RANGE_THIS_WEEK:
      *out_start = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today));
      *out_end = g_date_time_add_days (today, 1);
      break;

    case RANGE_CUSTOM:
      {
        g_autoptr(GDateTime) from = calendar_day (self->from_calendar);
        g_autoptr(GDateTime) to = calendar_day (self->to_calendar);

        /* Either order means the days between them. */
        if (g_date_time_compare (from, to) > 0)
          {
            GDateTime *swap = from;
            from = to;
            to = swap;
          }
        *out_start = g_date_time_ref (from);
        *out_end = g_date_time_add_days (to, 1);
      }
      break;

    case RANGE_ANY:
    default:
      break;
    }
}

/* The number as the server matches it, or NULL with the entry marked when it is not one. */
static gboolean
read_number (AgentHistoryPage  *self,
             char             **out_number)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_entry));
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 0))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
        {
          g_string_free (digits, TRUE);
          *out_number = NULL;
          return FALSE;
        }
    }

  *out_number = digits->len > 0 ? g_string_free (digits, FALSE) : (g_string_free (digits, TRUE), NULL);
  return TRUE;
}

static gboolean
read_extensions (AgentHistoryPage   *self,
                 char             ***out_extensions)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->agents_entry));
  g_auto(GStrv) parts = g_strsplit_set (text, ",，; ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  *out_extensions = NULL;
  if (!agent_history_page_is_admin (self))
    return TRUE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (*part == '\0')
        continue;
      for (const char *p = part; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      g_strv_builder_add (builder, part);
      n++;
    }

  if (n > 0)
    *out_extensions = g_strv_builder_end (builder);
  return TRUE;
}

static void
set_entry_error (GtkWidget  *entry,
                 gboolean    error,
                 const char *message)
{
  if (error)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, error ? message : NULL);
}

/* Reads the filters into self->query; FALSE (and nothing sent) when one is not valid. */
static gboolean
build_query (AgentHistoryPage *self)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *number = NULL;
  g_auto(GStrv) extensions = NULL;
  guint talk = gtk_drop_down_get_selected (self->talk_dropdown);
  gboolean number_ok, extensions_ok;

  number_ok = read_number (self, &number);
  set_entry_error (GTK_WIDGET (self->number_entry), !number_ok,
                   _("Type a phone number: digits only"));
  extensions_ok = read_extensions (self, &extensions);
  set_entry_error (GTK_WIDGET (self->agents_entry), !extensions_ok,
                   _("Type the agents’ extensions, separated by commas"));
  if (!number_ok || !extensions_ok)
    return FALSE;

  get_range (self, &start, &end);
  if (start != NULL)
    {
      /* The server's end is inclusive, to the second. */
      g_autoptr(GDateTime) last = g_date_time_add_seconds (end, -1);
      bbh_call_record_query_set_time_range (query, start, last);
    }

  bbh_call_record_query_set_direction (query,
                                       directions[MIN (gtk_drop_down_get_selected (self->direction_dropdown),
                                                       G_N_ELEMENTS (directions) - 1)]);
  bbh_call_record_query_set_phone (query, number);
  gtk_widget_set_sensitive (GTK_WIDGET (self->talk_spin), talk != 0);
  if (talk != 0)
    bbh_call_record_query_set_talk_time (query,
                                         talk == 1 ? BBH_TALK_TIME_LONGER : BBH_TALK_TIME_SHORTER,
                                         (guint) gtk_spin_button_get_value_as_int (self->talk_spin));
  bbh_call_record_query_set_extensions (query, (const char * const *) extensions);

  g_clear_pointer (&self->query, bbh_call_record_query_free);
  self->query = g_steal_pointer (&query);
  return TRUE;
}

static void
fetch_page (guint                start,
            guint                limit,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             callback_data,
            gpointer             user_data)
{
  AgentHistoryPage *self = user_data;
  BbhClient *client = agent_history_page_client (self);
  g_autoptr(BbhCallRecordQuery) query = NULL;

  if (client == NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Log in to see the call history."));
      return;
    }

  query = self->query ? bbh_call_record_query_copy (self->query) : bbh_call_record_query_new ();
  bbh_call_record_query_set_page (query, start, limit);
  bbh_client_find_dial_record_async (client, query, cancellable, callback, callback_data);
}

static GListModel *
finish_page (GAsyncResult  *result,
             guint64       *out_total,
             GError       **error,
             gpointer       user_data)
{
  GObject *source;

  if (G_IS_TASK (result) && g_task_get_source_object (G_TASK (result)) == NULL)
    return g_task_propagate_pointer (G_TASK (result), error);

  source = g_async_result_get_source_object (result);
  {
    g_autoptr(GObject) client = source;

    return bbh_client_find_dial_record_finish (BBH_CLIENT (client), result, out_total, error);
  }
}

/* What the filters say, to tell a change from a widget repeating itself. */
static char *
filters_key (AgentHistoryPage *self)
{
  g_autoptr(GDateTime) from = gtk_calendar_get_date (self->from_calendar);
  g_autoptr(GDateTime) to = gtk_calendar_get_date (self->to_calendar);
  guint range = gtk_drop_down_get_selected (self->range_dropdown);

  return g_strdup_printf ("%u %d %d %u %s %u %d %s", range,
                          range == RANGE_CUSTOM ? g_date_time_get_day_of_year (from) + 1000 * g_date_time_get_year (from) : 0,
                          range == RANGE_CUSTOM ? g_date_time_get_day_of_year (to) + 1000 * g_date_time_get_year (to) : 0,
                          gtk_drop_down_get_selected (self->direction_dropdown),
                          gtk_editable_get_text (GTK_EDITABLE (self->number_entry)),
                          gtk_drop_down_get_selected (self->talk_dropdown),
                          gtk_spin_button_get_value_as_int (self->talk_spin),
                          gtk_editable_get_text (GTK_EDITABLE (self->agents_entry)));
}

static void
reload (AgentHistoryPage *self)
{
  if (agent_history_page_client (self) == NULL)
    return;

  g_free (self->filters_key);
  self->filters_key = filters_key (self);

  self->filters_valid = build_query (self);
  if (!self->filters_valid)
    {
      if (self->load_pending)
        {
          self->load_pending = FALSE;
          agent_page_loaded (AGENT_PAGE (self), 0);
        }
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  agent_paged_model_reload (self->model);
}

/* ---- what is on screen ---- */

/* GTK binds a couple of hundred rows around the visible ones; only the visible rows' pages are
 * fetched, worked out from the scroll position (rows are all one line high). */
static gboolean settle_cb (gpointer user_data);

static gboolean
ensure_visible_cb (gpointer user_data)
{
  AgentHistoryPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  /* (the rows the list has, which a new answer's first frames are not all of) */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  double upper = gtk_adjustment_get_upper (adjustment);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  guint first, last;

  self->visible_idle = 0;
  if (n == 0)
    return G_SOURCE_REMOVE;

  if (upper <= 0 || page <= 0)
    {
      first = 0;
      last = MIN (n, 40) - 1;
    }
  else
    {
      double row_height = upper / n;

      first = (guint) CLAMP (value / row_height, 0, n - 1);
      last = (guint) CLAMP ((value + page) / row_height + 1, first, n - 1);
    }

  {
    gint64 now = g_get_monotonic_time ();
    guint moved = first > self->last_first ? first - self->last_first : self->last_first - first;
    gboolean fast = moved > 0 && (double) moved * G_USEC_PER_SEC >
                                 (double) FAST_ROWS * MAX (now - self->last_seen_us, 1);

    self->last_first = first;
    self->last_seen_us = now;
    if (fast)
      {
        g_clear_handle_id (&self->settle_timeout, g_source_remove);
        self->settle_timeout = g_timeout_add (SETTLE_MS, settle_cb, self);
        return G_SOURCE_REMOVE;
      }
    /* Not moved since a fast drag (the list laid out again): still settling. */
    if (moved == 0 && self->settle_timeout != 0)
      return G_SOURCE_REMOVE;
    g_clear_handle_id (&self->settle_timeout, g_source_remove);
  }

  /* What is on screen first, then the pages just ahead of it. */
  agent_paged_model_ensure_range (self->model, first, last);
  agent_paged_model_ensure_range (self->model, last, MIN ((guint64) last + AHEAD_ROWS, n - 1));
  return G_SOURCE_REMOVE;
}

static gboolean
settle_cb (gpointer user_data)
{
  AgentHistoryPage *self = user_data;

  self->settle_timeout = 0;
  return ensure_visible_cb (self);
}

static void
queue_ensure_visible (AgentHistoryPage *self)
{
  if (self->visible_idle == 0)
    self->visible_idle = g_idle_add (ensure_visible_cb, self);
}

/* ---- the model's news ---- */

/* Rows past which GTK 4.8 makes no widgets for rows added at the end: it keeps widgets for
 * 200 rows around the first one shown, whether they fit on screen or not. */
#define GROW_WIDGET_ROWS 240

/* A new answer's rows come a few dozen a frame, after its first ones were painted, until
 * GTK has widgets for as many as it keeps; then all the others at once. Adding rows past
 * those makes no widget (GTK counts them, one node for the lot), but every addition resizes
 * the list and so relayouts the window, which on X11 asks the X server for the monitor's
 * work area: 40 rows a frame took 12,500 frames for 500,000 calls, each with that relayout,
 * and a scroll meanwhile could not reach past the rows shown so far. */
static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  AgentHistoryPage *self = user_data;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (agent_history_rows_grow (self->rows, shown >= GROW_WIDGET_ROWS ? G_MAXUINT / 2 : 40))
    return G_SOURCE_CONTINUE;

  self->grow_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
on_first_rows_painted_cb (GdkFrameClock    *clock,
                          AgentHistoryPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_rows_painted_cb, self);
  if (self->grow_tick == 0)
    self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), grow_tick_cb,
                                                    self, NULL);
}

static void
grow_after_paint (AgentHistoryPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));

  if (clock == NULL)
    {
      /* Not on screen: all of them at once. */
      while (agent_history_rows_grow (self->rows, G_MAXUINT / 2))
        ;
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, on_first_rows_painted_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_rows_painted_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->column_view));
}

static void
update_total (AgentHistoryPage *self)
{
  guint64 total = agent_paged_model_get_total (self->model);
  g_autofree char *text = NULL;

  if (!agent_paged_model_get_loaded (self->model))
    text = g_strdup ("");
  else
    {
      g_autofree char *number = g_strdup_printf ("%'" G_GUINT64_FORMAT, total);

      /* Translators: %s is a number of calls, with the locale's thousands separators */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s call", "%s calls",
                                           (gulong) MIN (total, G_MAXULONG)),
                              number);
    }
  gtk_label_set_label (self->total_label, text);
}

static void
on_loading_cb (AgentHistoryPage *self)
{
  gboolean loading = agent_paged_model_get_loading (self->model);

  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

static void
on_page_loaded_cb (AgentHistoryPage *self,
                   guint             start,
                   guint             n_items)
{
  if (start != 0)
    return;

  update_total (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0
                                    ? "list" : "empty");
  grow_after_paint (self);
  /* Scrolled down when the filters changed: those rows now come from the new query. */
  queue_ensure_visible (self);
  if (self->load_pending)
    {
      self->load_pending = FALSE;
      agent_page_loaded (AGENT_PAGE (self), n_items);
    }
}

static void
on_model_error_cb (AgentHistoryPage *self,
                   const GError     *error)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_total (self);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Some calls could not be loaded: %s"),
                                                   error->message);
      agent_history_page_toast (self, message);
    }

  if (self->load_pending)
    {
      self->load_pending = FALSE;
      agent_page_loaded (AGENT_PAGE (self), 0);
    }
}

/* ---- sorting ---- */

/* Orders nothing (the list is never sorted on the client): it tells, through the column
 * view's sorter, which way the Time column's header points. Two objects compare by address. */
static int
compare_by_address (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
time_ascending (AgentHistoryPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  gpointer probes[2] = { self->sort_probes[0], self->sort_probes[1] };

  if (probes[0] > probes[1])
    {
      probes[0] = self->sort_probes[1];
      probes[1] = self->sort_probes[0];
    }
  /* GTK 4.8 has no getter for the sort column: compare two objects the Time column's sorter
   * orders by address. Not sorted (never from a click) reads as the server's order. */
  return sorter != NULL && gtk_sorter_compare (sorter, probes[0], probes[1]) == GTK_ORDERING_SMALLER;
}

static void
update_order_label (AgentHistoryPage *self)
{
  gtk_label_set_label (self->order_label,
                       agent_paged_model_get_reversed (self->model) ? _("Oldest first")
                                                                   : _("Newest first"));
}

static void
on_sorter_changed_cb (AgentHistoryPage *self)
{
  gboolean ascending = time_ascending (self);

  if (ascending == agent_paged_model_get_reversed (self->model))
    return;

  if (agent_history_page_client (self) != NULL && self->filters_valid)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  /* Reloads a model that has rows or is fetching them. */
  agent_paged_model_set_reversed (self->model, ascending);
  update_order_label (self);
}

static void
setup_sorting (AgentHistoryPage *self)
{
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_by_address, NULL, NULL));

  self->sort_probes[0] = g_object_new (G_TYPE_OBJECT, NULL);
  self->sort_probes[1] = g_object_new (G_TYPE_OBJECT, NULL);
  gtk_column_view_column_set_sorter (self->time_column, sorter);
  g_object_unref (sorter);

  /* The server's order: newest first. */
  gtk_column_view_sort_by_column (self->column_view, self->time_column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  update_order_label (self);
}

/* ---- filters ---- */

static void
on_filter_changed_cb (AgentHistoryPage *self)
{
  g_autofree char *key = filters_key (self);

  gtk_widget_set_visible (self->custom_box,
                          gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM);
  /* GTK 4.8's search entry says "search-changed" once after it is first shown, with nothing
   * typed: asking the server again for the same calls would throw the first rows away. */
  if (g_strcmp0 (key, self->filters_key) == 0)
    return;
  reload (self);
}

static void
on_date_selected_cb (AgentHistoryPage *self)
{
  update_date_buttons (self);
  gtk_menu_button_popdown (self->from_button);
  gtk_menu_button_popdown (self->to_button);
  if (gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM)
    reload (self);
}

/* ---- playing ---- */

static AgentPlayerBar *
ensure_player_bar (AgentHistoryPage *self)
{
  GtkWidget *separator, *content;

  if (self->player_bar != NULL)
    return self->player_bar;

  separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  self->player_bar = g_object_new (AGENT_TYPE_PLAYER_BAR, "can-download", TRUE, NULL);
  g_signal_connect_object (self->player_bar, "download",
                           G_CALLBACK (agent_history_page_player_download_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->player_bar, "visible", separator, "visible",
                          G_BINDING_SYNC_CREATE);
  /* (the template's top box, which is not a template child: AdwBin owns it) */
  content = adw_bin_get_child (ADW_BIN (self));
  gtk_box_append (GTK_BOX (content), separator);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->player_bar));
  return self->player_bar;
}

/**
 * agent_history_page_play:
 * @self: a #AgentHistoryPage
 * @record: a call record
 *
 * Opens @record's recording in the player bar and plays it.
 */
void
agent_history_page_play (AgentHistoryPage *self,
                         BbhCallRecord    *record)
{
  BbhClient *client = agent_history_page_client (self);
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  g_autofree char *cdr_id = NULL;

  g_return_if_fail (AGENT_IS_HISTORY_PAGE (self));
  g_return_if_fail (BBH_IS_CALL_RECORD (record));

  g_set_object (&self->playing, record);
  if (client != NULL && bbh_call_record_has_recording (record))
    uri = bbh_client_dup_recording_url (client, bbh_call_record_get_record_file (record));
  title = describe_record (record);
  cdr_id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_call_record_get_id (record));
  agent_player_bar_open (ensure_player_bar (self), uri, cdr_id, title);
}

typedef struct
{
  GWeakRef  page;
  char     *cdr_id;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_weak_ref_clear (&lookup->page);
  g_free (lookup->cdr_id);
  g_free (lookup);
}

static void
on_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(AgentHistoryPage) self = g_weak_ref_get (&lookup->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(BbhCallRecord) record = NULL;
  AgentPlayer *player;

  records = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, NULL, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      lookup_free (lookup);
      return;
    }

  player = agent_player_bar_get_player (self->player_bar);
  if (g_strcmp0 (agent_player_get_cdr_id (player), lookup->cdr_id) != 0)
    {
      /* Something else was opened meanwhile. */
      lookup_free (lookup);
      return;
    }

  if (records != NULL && g_list_model_get_n_items (records) > 0)
    record = g_list_model_get_item (records, 0);

  if (record != NULL)
    agent_history_page_play (self, record);
  else
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_strdup_printf (_("The call could not be looked up: %s"), error->message);
      else
        message = g_strdup (_("There is no call with this id."));
      agent_player_fail (player, lookup->cdr_id, NULL, message);
    }

  lookup_free (lookup);
}

/**
 * agent_history_page_play_cdr_id:
 * @self: a #AgentHistoryPage
 * @cdr_id: a call record's id, as text
 *
 * What the `play-recording` action does: looks the call up (findDialrecord's scdrId) and plays
 * its recording. The player's states go to the trace as `playback-state`.
 */
void
agent_history_page_play_cdr_id (AgentHistoryPage *self,
                                const char       *cdr_id)
{
  BbhClient *client;
  AgentPlayer *player;
  g_autoptr(BbhCallRecordQuery) query = NULL;
  Lookup *lookup;
  gint64 id = 0;

  g_return_if_fail (AGENT_IS_HISTORY_PAGE (self));
  g_return_if_fail (cdr_id != NULL);

  player = agent_player_bar_get_player (ensure_player_bar (self));
  client = agent_history_page_client (self);

  if (!g_ascii_string_to_signed (cdr_id, 10, 1, G_MAXINT64, &id, NULL))
    {
      agent_player_fail (player, cdr_id, NULL, _("This is not a call record id."));
      return;
    }
  if (client == NULL)
    {
      agent_player_fail (player, cdr_id, NULL, _("Log in to play recordings."));
      return;
    }

  g_clear_object (&self->playing);
  agent_player_begin (player, cdr_id, NULL);

  query = bbh_call_record_query_new ();
  bbh_call_record_query_set_id (query, id);
  bbh_call_record_query_set_page (query, 0, 1);

  lookup = g_new0 (Lookup, 1);
  g_weak_ref_init (&lookup->page, self);
  lookup->cdr_id = g_strdup (cdr_id);
  bbh_client_find_dial_record_async (client, query, self->cancellable, on_lookup_cb, lookup);
}

static gboolean
on_play_recording_requested_cb (AgentApplication *application,
                                const char       *cdr_id,
                                AgentHistoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The controls are on this page: show it, so the recording can be paused. */
  if (AGENT_IS_WINDOW (root) &&
      g_strcmp0 (agent_window_get_page_name (AGENT_WINDOW (root)), "history") != 0)
    agent_window_show_page (AGENT_WINDOW (root), "history");

  agent_history_page_play_cdr_id (self, cdr_id);
  return TRUE;
}

static void
on_row_activate_cb (AgentHistoryPage *self,
                    guint             position)
{
  BbhCallRecord *record = agent_history_page_record_at (self, position);

  if (record != NULL && bbh_call_record_has_recording (record))
    agent_history_page_play (self, record);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (AGENT_HISTORY_PAGE (widget));
}


/* ---- the session and the application ---- */

static void
on_logged_in_cb (AgentHistoryPage *self)
{
  if (self->session != NULL && !agent_session_get_logged_in (self->session))
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      if (self->player_bar != NULL)
        agent_player_bar_close (self->player_bar);
      g_clear_object (&self->playing);
      if (self->download != NULL)
        agent_recording_download_cancel (self->download);
      agent_paged_model_clear (self->model);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      update_total (self);
    }
}

static void
set_session (AgentHistoryPage *self,
             AgentSession     *session)
{
  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  self->session = session;
  if (session != NULL)
    g_signal_connect_object (session, "notify::logged-in", G_CALLBACK (on_logged_in_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
on_window_application_cb (GtkWindow        *window,
                          GParamSpec       *pspec,
                          AgentHistoryPage *self)
{
  GtkApplication *application = gtk_window_get_application (window);

  if ((gpointer) application == (gpointer) self->application || !AGENT_IS_APPLICATION (application))
    return;

  if (self->application != NULL)
    g_signal_handlers_disconnect_by_func (self->application, on_play_recording_requested_cb, self);
  self->application = AGENT_APPLICATION (application);
  g_signal_connect_object (application, "play-recording-requested",
                           G_CALLBACK (on_play_recording_requested_cb), self, 0);
  /* The action may come before the page was ever shown. */
  set_session (self, agent_application_get_session (self->application));
}

static void
agent_history_page_load (AgentPage    *page,
                         AgentSession *session)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (page);

  set_session (self, session);
  /* An agent only ever sees their own calls: the agent filter and column are for
   * administrators. */
  gtk_widget_set_visible (GTK_WIDGET (self->agents_entry), agent_history_page_is_admin (self));
  gtk_column_view_column_set_visible (self->agent_column, agent_history_page_is_admin (self));

  if (agent_history_page_client (self) == NULL)
    {
      agent_page_loaded (page, 0);
      return;
    }

  self->load_pending = TRUE;
  reload (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_history_page_load;
}

static void
agent_history_page_root (GtkWidget *widget)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (agent_history_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      g_signal_connect_object (root, "notify::application",
                               G_CALLBACK (on_window_application_cb), self, 0);
      on_window_application_cb (GTK_WINDOW (root), NULL, self);
    }
}

static void
agent_history_page_dispose (GObject *object)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->visible_idle, g_source_remove);
  g_clear_handle_id (&self->settle_timeout, g_source_remove);
  if (self->grow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->grow_tick);
  self->grow_tick = 0;
  if (self->download != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->download, self);
      agent_recording_download_cancel (self->download);
    }
  set_session (self, NULL);
  /* The column view's sorter changes as its columns go. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          on_sorter_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_HISTORY_PAGE);

  g_clear_object (&self->rows);
  g_clear_object (&self->model);
  g_clear_object (&self->download);
  g_clear_object (&self->playing);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sort_probes[0]);
  g_clear_object (&self->sort_probes[1]);
  g_clear_pointer (&self->query, bbh_call_record_query_free);
  g_clear_pointer (&self->filters_key, g_free);

  G_OBJECT_CLASS (agent_history_page_parent_class)->dispose (object);
}

static void
agent_history_page_class_init (AgentHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_history_page_dispose;
  widget_class->root = agent_history_page_root;

  g_type_ensure (BBH_TYPE_CALL_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, number_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, talk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, talk_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, agents_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, order_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, download_revealer);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, download_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, download_progress);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, time_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, direction_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, number_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, customer_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, agent_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, talk_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, reason_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, ivr_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, actions_column);
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate_cb);

  gtk_widget_class_install_action (widget_class, "history.reload", NULL, reload_action);
  agent_history_page_class_init_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "history.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "history.reload", NULL);
}

static void
agent_history_page_init (AgentHistoryPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->model = agent_paged_model_new (BBH_TYPE_CALL_RECORD, PAGE_SIZE);
  agent_paged_model_set_fetch_func (self->model, fetch_page, finish_page, self, NULL);
  g_signal_connect_object (self->model, "page-loaded", G_CALLBACK (on_page_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "error", G_CALLBACK (on_model_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_loading_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::total", G_CALLBACK (update_total), self,
                           G_CONNECT_SWAPPED);

  agent_paged_model_set_auto_fetch (self->model, FALSE);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_ensure_visible), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_ensure_visible), self,
                             G_CONNECT_SWAPPED);
  }

  self->rows = agent_history_rows_new (self->model);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  agent_history_page_setup_columns (self);
  setup_sorting (self);
  update_date_buttons (self);
  update_total (self);
}

GtkWidget *
agent_history_page_new (void)
{
  return g_object_new (AGENT_TYPE_HISTORY_PAGE, NULL);
}

/**
 * agent_history_page_get_model:
 * @self: a #AgentHistoryPage
 *
 * Returns: (transfer none): the calls shown, paged from the server
 */
AgentPagedModel *
agent_history_page_get_model (AgentHistoryPage *self)
{
  g_return_val_if_fail (AGENT_IS_HISTORY_PAGE (self), NULL);

  return self->model;
}

/**
 * agent_history_page_get_player_bar:
 * @self: a #AgentHistoryPage
 *
 * Returns: (transfer none): the player at the bottom of the page
 */
AgentPlayerBar *
agent_history_page_get_player_bar (AgentHistoryPage *self)
{
  g_return_val_if_fail (AGENT_IS_HISTORY_PAGE (self), NULL);

  return ensure_player_bar (self);
}
