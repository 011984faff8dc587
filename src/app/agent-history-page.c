/* agent-history-page.c — the call history: every call, filtered, paged from the server
 *
 * findDialrecord pages into an AgentPagedModel shown by a GtkColumnView, so a history of
 * 100 000 calls only ever fetches the pages on screen. The filters (date range, direction,
 * number, talk time and, for administrators, agents) become the query's parameters and reload
 * the model. The server sorts by time, newest first, and offers no other order: the columns
 * are not sortable, and the total's tooltip says why.
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

#include "agent-application.h"
#include "agent-history-page.h"
#include "agent-outbox.h"
#include "agent-page.h"
#include "agent-popup-manager.h"
#include "agent-window.h"

#define PAGE_SIZE 100

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

struct _AgentHistoryPage
{
  AdwBin                  parent_instance;

  /* Template widgets */
  GtkDropDown            *range_dropdown;
  GtkWidget              *custom_box;
  GtkMenuButton          *from_button;
  GtkCalendar            *from_calendar;
  GtkMenuButton          *to_button;
  GtkCalendar            *to_calendar;
  GtkDropDown            *direction_dropdown;
  GtkSearchEntry         *number_entry;
  GtkDropDown            *talk_dropdown;
  GtkSpinButton          *talk_spin;
  GtkEntry               *agents_entry;
  GtkSpinner             *loading_spinner;
  GtkLabel               *total_label;
  GtkRevealer            *download_revealer;
  GtkLabel               *download_label;
  GtkProgressBar         *download_progress;
  GtkStack               *stack;
  GtkScrolledWindow      *scrolled_window;
  GtkColumnView          *column_view;
  GtkColumnViewColumn    *time_column;
  GtkColumnViewColumn    *direction_column;
  GtkColumnViewColumn    *number_column;
  GtkColumnViewColumn    *customer_column;
  GtkColumnViewColumn    *agent_column;
  GtkColumnViewColumn    *talk_column;
  GtkColumnViewColumn    *reason_column;
  GtkColumnViewColumn    *ivr_column;
  GtkColumnViewColumn    *actions_column;
  AdwStatusPage          *error_status;
  AgentPlayerBar         *player_bar;

  /* Owned */
  AgentPagedModel        *model;
  BbhCallRecordQuery     *query;        /* the filters; start and limit are set per page */
  AgentRecordingDownload *download;
  BbhCallRecord          *playing;      /* the record the player bar has open */
  GCancellable           *cancellable;  /* lookups and small actions; cancelled on logout */

  /* Borrowed */
  AgentSession           *session;
  AgentApplication       *application;

  guint                   visible_idle;
  gboolean                load_pending; /* agent_page_loaded() is owed */
  gboolean                filters_valid;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentHistoryPage, agent_history_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

/* ---- small helpers ---- */

static BbhClient *
get_client (AgentHistoryPage *self)
{
  if (self->session == NULL || !agent_session_get_logged_in (self->session))
    return NULL;
  return agent_session_get_client (self->session);
}

static gboolean
is_admin (AgentHistoryPage *self)
{
  return self->session != NULL && agent_session_get_is_admin (self->session);
}

static void
toast (AgentHistoryPage *self,
       const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (AGENT_IS_WINDOW (root))
    agent_window_add_toast (AGENT_WINDOW (root), message);
  else
    g_message ("%s", message);
}

static BbhCallRecord *
record_at (AgentHistoryPage *self,
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

/* ---- cells ---- */

static char *
history_time_text (GObject       *item,
                   BbhCallRecord *record)
{
  GDateTime *start;
  g_autoptr(GDateTime) local = NULL;

  if (record == NULL || agent_paged_model_is_placeholder (record))
    return g_strdup ("…");
  start = bbh_call_record_get_start_date_time (record);
  if (start == NULL)
    return g_strdup (bbh_call_record_get_start_time (record));

  local = g_date_time_to_local (start);
  return g_date_time_format (local, "%x %R");
}

static char *
history_direction_text (GObject       *item,
                        BbhCallRecord *record)
{
  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;
  return g_strdup (bbh_call_direction_to_string (bbh_call_record_get_direction (record)));
}

static char *
history_direction_icon (GObject       *item,
                        BbhCallRecord *record)
{
  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;

  switch (bbh_call_record_get_direction (record))
    {
    case BBH_CALL_DIRECTION_IN:
    case BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED:
      return g_strdup (bbh_call_record_get_talk_time (record) > 0 ? "call-incoming-symbolic"
                                                                   : "call-missed-symbolic");
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
history_agent_text (GObject       *item,
                    BbhCallRecord *record)
{
  const char *name, *extension;

  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;

  name = bbh_call_record_get_extension_name (record);
  extension = bbh_call_record_get_extension (record);
  if (name != NULL && *name != '\0' && extension != NULL && *extension != '\0')
    /* An agent: "name (extension)" */
    return g_strdup_printf (_("%s (%s)"), name, extension);
  return g_strdup (name != NULL && *name != '\0' ? name : extension);
}

static char *
history_talk_text (GObject       *item,
                   BbhCallRecord *record)
{
  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;
  return agent_format_duration ((gint64) bbh_call_record_get_talk_time (record) * 1000);
}

/* A label that may shorten to @chars characters (server text), or never (times, numbers). */
#define CELL_LABEL(chars, binding) \
  "<interface><template class=\"GtkListItem\"><property name=\"child\">" \
  "<object class=\"GtkLabel\"><property name=\"xalign\">0</property>" \
  "<property name=\"ellipsize\">end</property>" \
  "<property name=\"width-chars\">" chars "</property>" \
  "<binding name=\"label\">" binding "</binding>" \
  "<binding name=\"tooltip-text\">" binding "</binding>" \
  "</object></property></template></interface>"
#define CELL_TEXT(binding) \
  "<interface><template class=\"GtkListItem\"><property name=\"child\">" \
  "<object class=\"GtkLabel\"><property name=\"xalign\">0</property>" \
  "<binding name=\"label\">" binding "</binding>" \
  "<style><class name=\"numeric\"/></style>" \
  "</object></property></template></interface>"

#define ITEM "<lookup name=\"item\">GtkListItem</lookup>"
#define PROPERTY(name) "<lookup name=\"" name "\" type=\"BbhCallRecord\">" ITEM "</lookup>"
#define CLOSURE(function) "<closure type=\"gchararray\" function=\"" function "\">" ITEM "</closure>"

static const char direction_cell[] =
  "<interface><template class=\"GtkListItem\"><property name=\"child\">"
  "<object class=\"GtkBox\"><property name=\"spacing\">6</property>"
  "<child><object class=\"GtkImage\">"
  "<binding name=\"icon-name\">" CLOSURE ("history_direction_icon") "</binding>"
  "</object></child>"
  "<child><object class=\"GtkLabel\"><property name=\"xalign\">0</property>"
  "<property name=\"ellipsize\">end</property><property name=\"width-chars\">7</property>"
  "<binding name=\"label\">" CLOSURE ("history_direction_text") "</binding>"
  "<binding name=\"tooltip-text\">" CLOSURE ("history_direction_text") "</binding>"
  "</object></child>"
  "</object></property></template></interface>";

static void
set_factory (GtkColumnViewColumn *column,
             const char          *ui)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (ui, strlen (ui));
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                          "history_time_text", G_CALLBACK (history_time_text),
                                          "history_direction_text", G_CALLBACK (history_direction_text),
                                          "history_direction_icon", G_CALLBACK (history_direction_icon),
                                          "history_agent_text", G_CALLBACK (history_agent_text),
                                          "history_talk_text", G_CALLBACK (history_talk_text),
                                          NULL);
  factory = gtk_builder_list_item_factory_new_from_bytes (scope, bytes);
  gtk_column_view_column_set_factory (column, factory);
}

/* The actions cell: play, call back and a menu, aimed at the row's position. */
static void
on_actions_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     AgentHistoryPage         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *play = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  GtkWidget *call = gtk_button_new_from_icon_name ("call-start-symbolic");
  GtkWidget *more = gtk_menu_button_new ();

  gtk_widget_add_css_class (play, "flat");
  gtk_widget_add_css_class (call, "flat");
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_tooltip_text (play, _("Play the recording"));
  gtk_widget_set_tooltip_text (call, _("Call back"));
  gtk_widget_set_tooltip_text (more, _("More"));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");

  gtk_box_append (GTK_BOX (box), play);
  gtk_box_append (GTK_BOX (box), call);
  gtk_box_append (GTK_BOX (box), more);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, TRUE);
}

static GMenuModel *
make_row_menu (AgentHistoryPage *self,
               guint             position,
               BbhCallRecord    *record)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GVariant *target;
  g_autoptr(GMenuItem) item = NULL;

#define ADD(menu, label, action) \
  G_STMT_START { \
    target = g_variant_new_uint32 (position); \
    g_clear_object (&item); \
    item = g_menu_item_new (label, NULL); \
    g_menu_item_set_action_and_target_value (item, action, target); \
    g_menu_append_item (menu, item); \
  } G_STMT_END

  ADD (menu, _("_Open Customer"), "history.open-customer");
  ADD (menu, _("Add _Memo…"), "history.memo");
  if (bbh_call_record_has_recording (record))
    ADD (menu, _("_Download Recording…"), "history.download");
  if (is_admin (self))
    {
      ADD (section, _("_Block Number…"), "history.block");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
#undef ADD

  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static void
on_actions_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    AgentHistoryPage         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *play = gtk_widget_get_first_child (box);
  GtkWidget *call = gtk_widget_get_next_sibling (play);
  GtkWidget *more = gtk_widget_get_next_sibling (call);
  BbhCallRecord *record = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  gboolean real = record != NULL && !agent_paged_model_is_placeholder (record);
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_set_visible (box, real);
  if (!real)
    return;

  /* The target first: an action with a parameter must never see a button without one. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (call), g_variant_new_uint32 (position));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (call), "history.call");
  /* The action would make the button sensitive again: a call without a recording gets none. */
  if (bbh_call_record_has_recording (record))
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (play), g_variant_new_uint32 (position));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (play), "history.play");
    }
  else
    gtk_actionable_set_action_name (GTK_ACTIONABLE (play), NULL);
  gtk_widget_set_sensitive (play, bbh_call_record_has_recording (record));
  gtk_widget_set_tooltip_text (play, bbh_call_record_has_recording (record)
                                     ? _("Play the recording")
                                     : _("This call has no recording"));
  menu = make_row_menu (self, position, record);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), menu);
}

static void
setup_columns (AgentHistoryPage *self)
{
  g_autoptr(GtkListItemFactory) actions = gtk_signal_list_item_factory_new ();

  set_factory (self->time_column, CELL_TEXT (CLOSURE ("history_time_text")));
  set_factory (self->direction_column, direction_cell);
  set_factory (self->number_column, CELL_TEXT (PROPERTY ("phone")));
  set_factory (self->customer_column, CELL_LABEL ("6", PROPERTY ("called-name")));
  set_factory (self->agent_column, CELL_LABEL ("8", CLOSURE ("history_agent_text")));
  set_factory (self->talk_column, CELL_TEXT (CLOSURE ("history_talk_text")));
  set_factory (self->reason_column, CELL_LABEL ("6", PROPERTY ("hangup-reason-text")));
  set_factory (self->ivr_column, CELL_TEXT (PROPERTY ("ivr-key")));

  g_signal_connect_object (actions, "setup", G_CALLBACK (on_actions_setup_cb), self, 0);
  g_signal_connect_object (actions, "bind", G_CALLBACK (on_actions_bind_cb), self, 0);
  gtk_column_view_column_set_factory (self->actions_column, actions);
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
  if (!is_admin (self))
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
  BbhClient *client = get_client (self);
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

static void
reload (AgentHistoryPage *self)
{
  if (get_client (self) == NULL)
    return;

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
static gboolean
ensure_visible_cb (gpointer user_data)
{
  AgentHistoryPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
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

  agent_paged_model_ensure_range (self->model, first, last);
  return G_SOURCE_REMOVE;
}

static void
queue_ensure_visible (AgentHistoryPage *self)
{
  if (self->visible_idle == 0)
    self->visible_idle = g_idle_add (ensure_visible_cb, self);
}

/* ---- the model's news ---- */

static void
update_total (AgentHistoryPage *self)
{
  guint64 total = agent_paged_model_get_total (self->model);
  g_autofree char *text = NULL;

  if (!agent_paged_model_get_loaded (self->model))
    text = g_strdup ("");
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GUINT64_FORMAT " call",
                                         "%'" G_GUINT64_FORMAT " calls", total), total);
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
      toast (self, message);
    }

  if (self->load_pending)
    {
      self->load_pending = FALSE;
      agent_page_loaded (AGENT_PAGE (self), 0);
    }
}

/* ---- filters ---- */

static void
on_filter_changed_cb (AgentHistoryPage *self)
{
  gtk_widget_set_visible (self->custom_box,
                          gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM);
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
  BbhClient *client = get_client (self);
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
  agent_player_bar_open (self->player_bar, uri, cdr_id, title);
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

  player = agent_player_bar_get_player (self->player_bar);
  client = get_client (self);

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
  BbhCallRecord *record = record_at (self, position);

  if (record != NULL && bbh_call_record_has_recording (record))
    agent_history_page_play (self, record);
}

/* ---- downloads ---- */

static void
update_download (AgentHistoryPage *self)
{
  double fraction = agent_recording_download_get_fraction (self->download);

  if (fraction < 0)
    gtk_progress_bar_pulse (self->download_progress);
  else
    gtk_progress_bar_set_fraction (self->download_progress, fraction);
}

static void
on_download_finished_cb (AgentHistoryPage       *self,
                         const GError           *error,
                         AgentRecordingDownload *download)
{
  g_autofree char *name = g_file_get_basename (agent_recording_download_get_dest (download));
  g_autofree char *message = NULL;

  if (download != self->download)
    return;

  gtk_revealer_set_reveal_child (self->download_revealer, FALSE);
  if (error == NULL)
    {
      gtk_progress_bar_set_fraction (self->download_progress, 1.0);
      message = g_strdup_printf (_("Recording saved as “%s”"), name);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf (_("The recording could not be downloaded: %s"), error->message);

  if (message != NULL)
    toast (self, message);
}

/**
 * agent_history_page_download_to:
 * @self: a #AgentHistoryPage
 * @record: a call record with a recording
 * @dest: where to save its MP3
 *
 * Downloads the recording with a progress bar on the page; what the file chooser leads to.
 *
 * Returns: (transfer none) (nullable): the download, %NULL when logged out
 */
AgentRecordingDownload *
agent_history_page_download_to (AgentHistoryPage *self,
                                BbhCallRecord    *record,
                                GFile            *dest)
{
  BbhClient *client = get_client (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (AGENT_IS_HISTORY_PAGE (self), NULL);
  g_return_val_if_fail (BBH_IS_CALL_RECORD (record), NULL);
  g_return_val_if_fail (G_IS_FILE (dest), NULL);

  if (client == NULL)
    return NULL;

  if (self->download != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->download, self);
      agent_recording_download_cancel (self->download);
      g_clear_object (&self->download);
    }

  self->download = agent_recording_download_new (client, bbh_call_record_get_id (record), dest);
  g_signal_connect_object (self->download, "notify::received",
                           G_CALLBACK (update_download), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->download, "finished",
                           G_CALLBACK (on_download_finished_cb), self, G_CONNECT_SWAPPED);

  name = g_file_get_basename (dest);
  label = g_strdup_printf (_("Downloading “%s”"), name);
  gtk_label_set_label (self->download_label, label);
  gtk_progress_bar_set_fraction (self->download_progress, 0.0);
  gtk_revealer_set_reveal_child (self->download_revealer, TRUE);

  agent_recording_download_start (self->download);
  return self->download;
}

static GSettings *
get_settings (AgentHistoryPage *self)
{
  return self->application != NULL ? agent_application_get_settings (self->application) : NULL;
}

static void
on_chooser_response_cb (GtkNativeDialog  *dialog,
                        int               response,
                        gpointer          user_data)
{
  g_autoptr(AgentHistoryPage) self = g_object_get_data (G_OBJECT (dialog), "page");
  BbhCallRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) folder = g_file_get_parent (file);
      GSettings *settings = get_settings (self);

      if (settings != NULL && folder != NULL && g_file_peek_path (folder) != NULL)
        g_settings_set_string (settings, "recordings-folder", g_file_peek_path (folder));
      agent_history_page_download_to (self, record, file);
    }

  g_object_set_data (G_OBJECT (dialog), "page", NULL);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_and_download (AgentHistoryPage *self,
                     BbhCallRecord    *record)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GSettings *settings = get_settings (self);
  g_autofree char *folder = settings ? g_settings_get_string (settings, "recordings-folder") : NULL;
  g_autofree char *name = agent_recording_download_dup_file_name (record);
  g_autoptr(GFile) dir = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Recording"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (folder == NULL || *folder == '\0')
    {
      const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

      g_free (folder);
      folder = g_strdup (downloads != NULL ? downloads : g_get_home_dir ());
    }
  dir = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_object_set_data_full (G_OBJECT (chooser), "page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (chooser), "record", g_object_ref (record), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_player_download_cb (AgentHistoryPage *self,
                       const char       *cdr_id)
{
  if (self->playing != NULL)
    choose_and_download (self, self->playing);
}

/* ---- row actions ---- */

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL)
    agent_history_page_play (self, record);
}

static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL && bbh_call_record_get_phone (record) != NULL)
    gtk_widget_activate_action (widget, "app.dial", "s", bbh_call_record_get_phone (record));
}

static void
open_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL && bbh_call_record_get_phone (record) != NULL)
    gtk_widget_activate_action (widget, "app.open-customer", "s",
                                bbh_call_record_get_phone (record));
}

static void
download_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL && bbh_call_record_has_recording (record))
    choose_and_download (self, record);
}

static void
cancel_download_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);

  if (self->download != NULL)
    agent_recording_download_cancel (self->download);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (AGENT_HISTORY_PAGE (widget));
}

/* The memo: a small dialog, then the outbox, which delivers it even after a crash. */
static void
on_memo_queued_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AgentHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error) <= 0 && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The memo could not be saved: %s"),
                                                  error->message);
      toast (self, message);
    }
  else
    toast (self, _("Memo saved"));
}

static void
on_memo_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AgentHistoryPage *self)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  const char *phone = g_object_get_data (G_OBJECT (dialog), "phone");
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  AgentPopupManager *manager;
  AgentOutbox *outbox = NULL;

  if (!g_str_equal (response, "save"))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    return;

  manager = self->application != NULL
            ? agent_popup_manager_get_for_application (GTK_APPLICATION (self->application))
            : NULL;
  if (manager != NULL)
    outbox = agent_popup_manager_get_outbox (manager);
  if (outbox == NULL)
    {
      toast (self, _("The memo could not be saved: the outbox is not open yet. Try again in a moment."));
      return;
    }

  agent_outbox_add_memo_async (outbox, phone, text, NULL, NULL,
                               on_memo_queued_cb, g_object_ref (self));
}

static void
memo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = record_at (self, g_variant_get_uint32 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *scrolled, *view;
  const char *phone;
  g_autofree char *heading = NULL;

  if (record == NULL || (phone = bbh_call_record_get_phone (record)) == NULL || *phone == '\0')
    return;

  heading = g_strdup_printf (_("Memo for %s"), phone);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Memo"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 100);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  g_object_set_data (G_OBJECT (dialog), "buffer", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_object_set_data_full (G_OBJECT (dialog), "phone", g_strdup (phone), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_memo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Blocking a number: administrators only, after a confirmation. */
static void
on_blocked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AgentHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bbh_client_add_blacklists_finish (BBH_CLIENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The number could not be blocked: %s"), error->message);
      toast (self, message);
    }
  else
    toast (self, _("Number blocked"));
}

static void
on_block_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AgentHistoryPage *self)
{
  const char *phone = g_object_get_data (G_OBJECT (dialog), "phone");
  const char *phones[] = { phone, NULL };
  BbhClient *client = get_client (self);

  if (!g_str_equal (response, "block") || client == NULL)
    return;

  bbh_client_add_blacklists_async (client, phones, self->cancellable,
                                   on_blocked_cb, g_object_ref (self));
}

static void
block_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = record_at (self, g_variant_get_uint32 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  const char *phone;
  g_autofree char *heading = NULL;

  if (!is_admin (self) || record == NULL ||
      (phone = bbh_call_record_get_phone (record)) == NULL || *phone == '\0')
    return;

  heading = g_strdup_printf (_("Block %s?"), phone);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Calls from this number will be refused for the whole company. "
                                     "It can be unblocked on the Blacklist page."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "block", _("_Block"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "block",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "phone", g_strdup (phone), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_block_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  gtk_widget_set_visible (GTK_WIDGET (self->agents_entry), is_admin (self));
  gtk_column_view_column_set_visible (self->agent_column, is_admin (self));

  if (get_client (self) == NULL)
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
  if (self->download != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->download, self);
      agent_recording_download_cancel (self->download);
    }
  set_session (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_HISTORY_PAGE);

  g_clear_object (&self->model);
  g_clear_object (&self->download);
  g_clear_object (&self->playing);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->query, bbh_call_record_query_free);

  G_OBJECT_CLASS (agent_history_page_parent_class)->dispose (object);
}

static void
agent_history_page_class_init (AgentHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_history_page_dispose;
  widget_class->root = agent_history_page_root;

  g_type_ensure (AGENT_TYPE_PLAYER_BAR);
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
  gtk_widget_class_bind_template_child (widget_class, AgentHistoryPage, player_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_player_download_cb);

  gtk_widget_class_install_action (widget_class, "history.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "history.play", "u", play_action);
  gtk_widget_class_install_action (widget_class, "history.call", "u", call_action);
  gtk_widget_class_install_action (widget_class, "history.open-customer", "u", open_customer_action);
  gtk_widget_class_install_action (widget_class, "history.memo", "u", memo_action);
  gtk_widget_class_install_action (widget_class, "history.download", "u", download_action);
  gtk_widget_class_install_action (widget_class, "history.block", "u", block_action);
  gtk_widget_class_install_action (widget_class, "history.cancel-download", NULL,
                                   cancel_download_action);

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

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  setup_columns (self);
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

  return self->player_bar;
}
