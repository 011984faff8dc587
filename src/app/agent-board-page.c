/* agent-board-page.c — the live board: every agent's state, the queue, the channels in use
 *
 * While the board is on screen it refreshes every `board-refresh-seconds` (GSettings): one
 * refresh is getExtensions, getChannelList (the queue) and systemChannels side by side, and it
 * is on screen when all three have answered. A refresh never waits behind another: when the
 * timer fires while one is still out — a slow server — that tick is skipped (and counted), so
 * there is never more than one of each request in flight. Off screen (the page unmapped) the
 * timer stops. How long each caller has been waiting ticks every second from the call's
 * createTime, without asking the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-board-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-admin-private.h"
#include "agent-board-page.h"
#include "agent-page.h"

#define N_REQUESTS 3

struct _AgentBoardPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  AdwStatusPage       *denied_page;
  AdwStatusPage       *error_page;
  GtkLabel            *updated_label;
  GtkLabel            *problem_label;
  AgentChannelBar     *channel_bar;
  AdwPreferencesGroup *queue_group;
  GtkListBox          *queue_list;
  AdwPreferencesGroup *agents_group;
  GtkFlowBox          *agents_box;

  /* Owned */
  AgentSession        *session;
  GSettings           *settings;
  GCancellable        *cancellable;
  GListModel          *agents;
  GListModel          *queue;
  BbhChannelStats     *stats;
  GError              *agents_error;
  GError              *queue_error;
  GError              *stats_error;
  GPtrArray           *wait_labels;      /* GtkLabel, in the order of the queue */
  GDateTime           *updated;

  guint                refresh_id;
  guint                tick_id;
  guint                in_flight;        /* requests of the current refresh still out */
  guint                n_refreshes;
  guint                n_skipped;
  guint                want_loaded : 1;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentBoardPage, agent_board_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

static gboolean refresh (AgentBoardPage *self);

static GQuark
create_ms_quark (void)
{
  return g_quark_from_static_string ("agent-board-create-ms");
}

typedef enum
{
  STATE_TALKING,
  STATE_RINGING,
  STATE_AVAILABLE,
  STATE_AWAY,
  N_STATES
} AgentState;

/* statustext is the server's words (通话中, 振铃中, 签入, 签出, 禁用): shown as they are, and
 * sorted into four states for the colours and the counts. */
static AgentState
classify (BbhAgent *agent)
{
  const char *text = bbh_agent_get_status_text (agent);

  if (bbh_agent_get_status (agent) == BBH_AGENT_STATUS_DISABLED)
    return STATE_AWAY;
  if (text == NULL)
    return STATE_AWAY;
  if (strstr (text, "通话") != NULL || g_str_has_prefix (text, "talk") || strstr (text, "忙") != NULL)
    return STATE_TALKING;
  if (strstr (text, "振铃") != NULL || strstr (text, "拨号") != NULL || g_str_has_prefix (text, "ring"))
    return STATE_RINGING;
  if (strstr (text, "签入") != NULL || strstr (text, "空闲") != NULL || strstr (text, "在线") != NULL ||
      g_str_has_prefix (text, "idle") || g_str_has_prefix (text, "checked in"))
    return STATE_AVAILABLE;
  return STATE_AWAY;
}

static const char *
state_css_class (AgentState state)
{
  switch (state)
    {
    case STATE_TALKING:
      return "accent";
    case STATE_RINGING:
      return "warning";
    case STATE_AVAILABLE:
      return "success";
    case STATE_AWAY:
    case N_STATES:
    default:
      return "dim-label";
    }
}

static GtkWidget *
create_agent_card_cb (gpointer item,
                      gpointer user_data)
{
  BbhAgent *agent = item;
  GtkWidget *box, *name, *extension, *status;
  const char *agent_name = bbh_agent_get_name (agent);
  const char *status_text = bbh_agent_get_status_text (agent);
  g_autofree char *extension_text = g_strdup_printf (_("Extension %s"),
                                                     bbh_agent_get_extension (agent) ?: "");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "board-agent");

  name = gtk_label_new (agent_name != NULL && *agent_name != '\0' ? agent_name : extension_text);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_set_margin_top (name, 10);
  gtk_widget_set_margin_start (name, 12);
  gtk_widget_set_margin_end (name, 12);

  extension = gtk_label_new (extension_text);
  gtk_label_set_xalign (GTK_LABEL (extension), 0);
  /* Server text of any length must not widen the card past the screen. */
  gtk_label_set_ellipsize (GTK_LABEL (extension), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (extension, "caption");
  gtk_widget_add_css_class (extension, "dim-label");
  gtk_widget_set_margin_start (extension, 12);
  gtk_widget_set_margin_end (extension, 12);

  status = gtk_label_new (status_text != NULL ? status_text : "");
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (status, state_css_class (classify (agent)));
  gtk_widget_set_margin_start (status, 12);
  gtk_widget_set_margin_end (status, 12);
  gtk_widget_set_margin_bottom (status, 10);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), extension);
  gtk_box_append (GTK_BOX (box), status);
  return box;
}

static void
update_wait_labels (AgentBoardPage *self)
{
  gint64 now_ms = g_get_real_time () / 1000;

  for (guint i = 0; i < self->wait_labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (self->wait_labels, i);
      gint64 create_ms = GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (label), create_ms_quark ()));
      g_autofree char *text = NULL;

      if (create_ms <= 0)
        text = g_strdup ("—");
      else
        text = agent_admin_format_duration ((now_ms - create_ms) / 1000);
      gtk_label_set_label (label, text);
    }
}

static gboolean
on_tick_cb (gpointer user_data)
{
  update_wait_labels (AGENT_BOARD_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
create_queue_row_cb (gpointer item,
                     gpointer user_data)
{
  AgentBoardPage *self = AGENT_BOARD_PAGE (user_data);
  BbhQueuedCall *call = item;
  GtkWidget *row, *wait;
  const char *phone = bbh_queued_call_get_phone (call);
  const char *channel = bbh_queued_call_get_channel_name (call);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), phone != NULL ? phone : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), channel != NULL ? channel : "");
  /* One line each, ellipsized: a wrapped title is measured again for every width tried. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  wait = gtk_label_new (NULL);
  gtk_widget_add_css_class (wait, "numeric");
  gtk_widget_add_css_class (wait, "title-4");
  gtk_widget_set_tooltip_text (wait, _("Waiting for"));
  g_object_set_qdata (G_OBJECT (wait), create_ms_quark (),
                      GSIZE_TO_POINTER ((gsize) MAX (bbh_queued_call_get_create_time_ms (call), 0)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), wait);
  g_ptr_array_add (self->wait_labels, g_object_ref (wait));
  return row;
}

static void
show_agents (AgentBoardPage *self)
{
  guint counts[N_STATES] = { 0 };
  guint n = g_list_model_get_n_items (self->agents);
  g_autofree char *description = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhAgent) agent = g_list_model_get_item (self->agents, i);

      counts[classify (agent)]++;
    }
  gtk_flow_box_bind_model (self->agents_box, self->agents, create_agent_card_cb, self, NULL);

  /* Translators: the agents' states in numbers */
  description = g_strdup_printf (_("%u talking · %u ringing · %u available · %u away"),
                                 counts[STATE_TALKING], counts[STATE_RINGING],
                                 counts[STATE_AVAILABLE], counts[STATE_AWAY]);
  adw_preferences_group_set_description (self->agents_group, description);
}

static void
show_queue (AgentBoardPage *self)
{
  guint n = g_list_model_get_n_items (self->queue);
  g_autofree char *description = NULL;

  g_ptr_array_set_size (self->wait_labels, 0);
  gtk_list_box_bind_model (self->queue_list, self->queue, create_queue_row_cb, self, NULL);
  update_wait_labels (self);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u caller", "%u callers", n), n);
  adw_preferences_group_set_description (self->queue_group, description);

  /* the clock runs only while someone waits and the board is seen */
  if (n > 0 && self->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = g_timeout_add_seconds (1, on_tick_cb, self);
  else if (n == 0)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
show_channels (AgentBoardPage *self)
{
  BbhChannelStats *stats = self->stats;
  int used_normal = bbh_channel_stats_get_used_normal (stats);
  int used_group = bbh_channel_stats_get_used_group_call (stats);
  int normal = bbh_channel_stats_get_normal_channels (stats);
  int group = bbh_channel_stats_get_group_call_channels (stats);
  int total = bbh_channel_stats_get_total_channels (stats);
  int used = used_normal + used_group;

  agent_channel_bar_clear (self->channel_bar);
  agent_channel_bar_add (self->channel_bar, _("All lines"), used, MAX (total, used), NULL,
                         used >= total && total > 0 ? AGENT_CHANNEL_BAR_ERROR : AGENT_CHANNEL_BAR_ACCENT);
  agent_channel_bar_add (self->channel_bar, _("Normal lines"), used_normal, MAX (normal, used_normal), NULL,
                         AGENT_CHANNEL_BAR_SUCCESS);
  agent_channel_bar_add (self->channel_bar, _("Group-call lines"), used_group, MAX (group, used_group), NULL,
                         AGENT_CHANNEL_BAR_WARNING);
}

static void
show_results (AgentBoardPage *self)
{
  const GError *error = self->agents_error ? self->agents_error
                        : self->queue_error ? self->queue_error : self->stats_error;
  g_autofree char *time_text = NULL;
  g_autofree char *updated = NULL;
  guint seconds = g_settings_get_uint (self->settings, "board-refresh-seconds");

  /* no right to see part of it: the board is not shown half */
  for (guint i = 0; i < 3; i++)
    {
      const GError *e = i == 0 ? self->agents_error : i == 1 ? self->queue_error : self->stats_error;

      if (agent_admin_error_is_denied (e))
        {
          agent_admin_show_failure (self->stack, self->denied_page, self->error_page, e);
          return;
        }
    }
  if (self->agents == NULL && self->agents_error != NULL)
    {
      agent_admin_show_failure (self->stack, self->denied_page, self->error_page, self->agents_error);
      return;
    }

  if (self->agents_error == NULL && self->queue_error == NULL && self->stats_error == NULL)
    {
      g_clear_pointer (&self->updated, g_date_time_unref);
      self->updated = g_date_time_new_now_local ();
    }

  if (self->agents != NULL)
    show_agents (self);
  if (self->queue != NULL)
    show_queue (self);
  if (self->stats != NULL)
    show_channels (self);

  if (self->updated != NULL)
    {
      time_text = g_date_time_format (self->updated, "%X");
      updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Updated at %s, every %u second while shown",
                                              "Updated at %s, every %u seconds while shown", seconds),
                                 time_text, seconds);
      gtk_label_set_label (self->updated_label, updated);
    }

  if (error != NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("The last refresh failed: %s"), error->message);

      gtk_label_set_label (self->problem_label, problem);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), error != NULL);
  gtk_stack_set_visible_child_name (self->stack, "board");
}

static void
request_done (AgentBoardPage *self)
{
  g_assert (self->in_flight > 0);

  if (--self->in_flight > 0)
    return;

  self->n_refreshes++;
  show_results (self);
  if (self->want_loaded)
    {
      self->want_loaded = FALSE;
      agent_page_loaded (AGENT_PAGE (self),
                         self->agents != NULL &&
                         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "board") == 0
                           ? g_list_model_get_n_items (self->agents) : 0);
    }
}

/* A cancelled request belongs to a refresh given up (another login, the page's end), whose
 * count was reset then: it is dropped. */
static gboolean
cancelled (AgentBoardPage *self,
           const GError   *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_agents_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AgentBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agents = NULL;

  agents = bbh_client_get_extensions_finish (BBH_CLIENT (object), result, NULL, &error);
  if (cancelled (self, error))
    return;
  g_clear_error (&self->agents_error);
  if (agents != NULL)
    g_set_object (&self->agents, agents);
  else
    self->agents_error = g_steal_pointer (&error);
  request_done (self);
}

static void
on_queue_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) queue = NULL;

  queue = bbh_client_get_channel_list_finish (BBH_CLIENT (object), result, NULL, &error);
  if (cancelled (self, error))
    return;
  g_clear_error (&self->queue_error);
  if (queue != NULL)
    g_set_object (&self->queue, queue);
  else
    self->queue_error = g_steal_pointer (&error);
  request_done (self);
}

static void
on_stats_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhChannelStats) stats = NULL;

  stats = bbh_client_system_channels_finish (BBH_CLIENT (object), result, &error);
  if (cancelled (self, error))
    return;
  g_clear_error (&self->stats_error);
  if (stats != NULL)
    g_set_object (&self->stats, stats);
  else
    self->stats_error = g_steal_pointer (&error);
  request_done (self);
}

/* Starts a refresh unless one is out; returns whether it did. */
static gboolean
refresh (AgentBoardPage *self)
{
  BbhClient *client = self->session != NULL ? agent_session_get_client (self->session) : NULL;

  if (client == NULL)
    return FALSE;

  if (self->in_flight > 0)
    {
      /* the server is slow: this tick is dropped, the one out is not doubled */
      self->n_skipped++;
      g_debug ("refresh skipped: %u request(s) still out", self->in_flight);
      return FALSE;
    }

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  self->in_flight = N_REQUESTS;
  bbh_client_get_extensions_async (client, self->cancellable, on_agents_cb, g_object_ref (self));
  bbh_client_get_channel_list_async (client, TRUE, self->cancellable, on_queue_cb, g_object_ref (self));
  /* the company number may be left out: the server knows the caller's company */
  bbh_client_system_channels_async (client, NULL, self->cancellable, on_stats_cb, g_object_ref (self));
  return TRUE;
}

static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  refresh (AGENT_BOARD_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
start_timers (AgentBoardPage *self)
{
  guint seconds = MAX (g_settings_get_uint (self->settings, "board-refresh-seconds"), 1);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->session == NULL)
    return;
  self->refresh_id = g_timeout_add_seconds (seconds, on_refresh_timeout_cb, self);
  g_source_set_name_by_id (self->refresh_id, "[agent-board] refresh");
  if (self->tick_id == 0 && self->queue != NULL && g_list_model_get_n_items (self->queue) > 0)
    self->tick_id = g_timeout_add_seconds (1, on_tick_cb, self);
}

static void
stop_timers (AgentBoardPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
on_interval_changed_cb (AgentBoardPage *self)
{
  if (self->refresh_id != 0)
    start_timers (self);
}

static void
agent_board_page_load (AgentPage    *page,
                       AgentSession *session)
{
  AgentBoardPage *self = AGENT_BOARD_PAGE (page);

  if (session != self->session)
    {
      /* another login: nothing of the old one is shown or awaited */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->in_flight = 0;
      g_clear_object (&self->agents);
      g_clear_object (&self->queue);
      g_clear_object (&self->stats);
      g_set_object (&self->session, session);
    }

  if (self->agents == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  /* page-shown waits for the refresh under way, or for a new one */
  self->want_loaded = TRUE;
  if (self->in_flight == 0 && !refresh (self))
    {
      self->want_loaded = FALSE;
      agent_page_loaded (page, 0);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_timers (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_board_page_load;
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  refresh (AGENT_BOARD_PAGE (widget));
}

static void
agent_board_page_map (GtkWidget *widget)
{
  AgentBoardPage *self = AGENT_BOARD_PAGE (widget);

  GTK_WIDGET_CLASS (agent_board_page_parent_class)->map (widget);

  /* back on screen: catch up at once, then keep going */
  if (self->session != NULL)
    {
      if (self->n_refreshes > 0)
        refresh (self);
      start_timers (self);
    }
}

static void
agent_board_page_unmap (GtkWidget *widget)
{
  AgentBoardPage *self = AGENT_BOARD_PAGE (widget);

  stop_timers (self);

  GTK_WIDGET_CLASS (agent_board_page_parent_class)->unmap (widget);
}

static void
agent_board_page_dispose (GObject *object)
{
  AgentBoardPage *self = AGENT_BOARD_PAGE (object);

  stop_timers (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->agents);
  g_clear_object (&self->queue);
  g_clear_object (&self->stats);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->wait_labels, g_ptr_array_unref);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_BOARD_PAGE);

  G_OBJECT_CLASS (agent_board_page_parent_class)->dispose (object);
}

static void
agent_board_page_finalize (GObject *object)
{
  AgentBoardPage *self = AGENT_BOARD_PAGE (object);

  g_clear_error (&self->agents_error);
  g_clear_error (&self->queue_error);
  g_clear_error (&self->stats_error);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (agent_board_page_parent_class)->finalize (object);
}

static void
agent_board_page_class_init (AgentBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_board_page_dispose;
  object_class->finalize = agent_board_page_finalize;
  widget_class->map = agent_board_page_map;
  widget_class->unmap = agent_board_page_unmap;

  g_type_ensure (AGENT_TYPE_CHANNEL_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, denied_page);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, updated_label);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, channel_bar);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, queue_group);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, agents_group);
  gtk_widget_class_bind_template_child (widget_class, AgentBoardPage, agents_box);

  gtk_widget_class_install_action (widget_class, "board.refresh", NULL, refresh_action);
}

static void
agent_board_page_init (AgentBoardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->wait_labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::board-refresh-seconds",
                           G_CALLBACK (on_interval_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
agent_board_page_new (void)
{
  return g_object_new (AGENT_TYPE_BOARD_PAGE, NULL);
}

/* Refreshes that reached the screen. */
guint
agent_board_page_get_n_refreshes (AgentBoardPage *self)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), 0);

  return self->n_refreshes;
}

/* Ticks dropped because a refresh was still out. */
guint
agent_board_page_get_n_skipped (AgentBoardPage *self)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), 0);

  return self->n_skipped;
}

/* Whether a refresh is out. */
gboolean
agent_board_page_get_refreshing (AgentBoardPage *self)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), FALSE);

  return self->in_flight > 0;
}

/* Whether the refresh timer runs (the board is on screen). */
gboolean
agent_board_page_get_running (AgentBoardPage *self)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), FALSE);

  return self->refresh_id != 0;
}

/**
 * agent_board_page_get_agents:
 *
 * Returns: (transfer none) (nullable): the agents of the last refresh
 */
GListModel *
agent_board_page_get_agents (AgentBoardPage *self)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), NULL);

  return self->agents;
}

/**
 * agent_board_page_get_queue:
 *
 * Returns: (transfer none) (nullable): the calls waiting, as of the last refresh
 */
GListModel *
agent_board_page_get_queue (AgentBoardPage *self)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), NULL);

  return self->queue;
}

/* How long the @index-th caller has waited, as shown. */
const char *
agent_board_page_get_wait_text (AgentBoardPage *self,
                                guint           index)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), NULL);

  if (index >= self->wait_labels->len)
    return NULL;
  return gtk_label_get_label (g_ptr_array_index (self->wait_labels, index));
}

/**
 * agent_board_page_get_channel_bar:
 *
 * Returns: (transfer none): the picture of the channels in use
 */
AgentChannelBar *
agent_board_page_get_channel_bar (AgentBoardPage *self)
{
  g_return_val_if_fail (AGENT_IS_BOARD_PAGE (self), NULL);

  return self->channel_bar;
}
