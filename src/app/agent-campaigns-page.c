/* agent-campaigns-page.c — outbound campaigns: call flows in words, new tasks, task numbers
 *
 * findCallFlow lists a row per call flow and task; each row's settings are said in words (the
 * bbh_call_flow_describe_*() functions). Below, the numbers of the chosen row come page by page
 * from findTaskMx (an AgentPagedModel), filtered by state, task name and creation time, with
 * the per-state counts of groupData drawn as bars. A number's recording (ctdWavFile) plays in
 * the page's own player bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-campaigns-page"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-admin-private.h"
#include "agent-campaigns-page.h"
#include "agent-page.h"
#include "agent-paged-model.h"
#include "agent-player-bar.h"
#include "agent-task-editor.h"

#define DETAILS_PAGE_SIZE 50

typedef struct
{
  gint64         flow_id;
  BbhTaskFilter  filter;
  char          *name;
  guint          time_range;
} DetailsQuery;

struct _AgentCampaignsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *denied_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *flows_view;
  GtkSingleSelection *flows_selection;
  GtkSearchEntry     *name_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *time_dropdown;
  AgentChannelBar    *counts_bar;
  GtkLabel           *details_summary;
  GtkStack           *details_stack;
  AdwStatusPage      *details_status;
  GtkColumnView      *details_view;
  GtkNoSelection     *details_selection;
  AgentPlayerBar     *player_bar;

  /* Owned */
  AgentSession       *session;
  GCancellable       *cancellable;
  GListModel         *flows;
  AgentPagedModel    *details;
  DetailsQuery        query;
  char               *select_task_name;
  gboolean            have_query;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentCampaignsPage, agent_campaigns_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

static void reload_flows (AgentCampaignsPage *self);

/* Closures of the .ui ---------------------------------------------------------------------- */

static char *
flow_transfer_cb (GtkListItem *item,
                  gpointer     flow)
{
  if (!BBH_IS_CALL_FLOW (flow) || bbh_call_flow_get_transfer_mode (flow) < 0)
    return g_strdup ("");
  return bbh_call_flow_describe_transfer (flow);
}

static char *
flow_recording_cb (GtkListItem *item,
                   int          recording)
{
  return g_strdup (recording >= 0 ? bbh_call_flow_describe_recording (recording) : "");
}

static char *
flow_sms_cb (GtkListItem *item,
             gpointer     flow)
{
  if (!BBH_IS_CALL_FLOW (flow) || bbh_call_flow_get_sms_status (flow) < 0)
    return g_strdup ("");
  return bbh_call_flow_describe_sms (flow);
}

static char *
flow_dialing_cb (GtkListItem *item,
                 gpointer     flow)
{
  int dial, interval;

  if (!BBH_IS_CALL_FLOW (flow))
    return g_strdup ("");
  dial = bbh_call_flow_get_dial_seconds (flow);
  interval = bbh_call_flow_get_send_interval (flow);
  if (interval > 0)
    /* Translators: how a call flow dials: rings for N seconds, then waits M between calls */
    return g_strdup_printf (_("Rings %d s, %d s between calls"), dial, interval);
  return g_strdup_printf (_("Rings %d s"), dial);
}

static char *
detail_status_cb (GtkListItem *item,
                  int          status)
{
  return g_strdup (status >= 0 ? bbh_task_detail_describe_status (status) : "");
}

static char *
talk_time_cb (GtkListItem *item,
              int          seconds)
{
  if (seconds <= 0)
    return g_strdup ("");
  return agent_admin_format_duration (seconds);
}

static gboolean
has_recording_cb (GtkListItem *item,
                  const char  *wav_file)
{
  return wav_file != NULL && *wav_file != '\0';
}

/* A row without a recording keeps an invisible button, so that every row is as tall. */
static double
recording_opacity_cb (GtkListItem *item,
                      const char  *wav_file)
{
  return has_recording_cb (item, wav_file) ? 1.0 : 0.0;
}

static GVariant *
play_target_cb (GtkListItem *item,
                gpointer     detail)
{
  const char *wav = BBH_IS_TASK_DETAIL (detail) ? bbh_task_detail_get_wav_file (detail) : NULL;
  const char *phone = BBH_IS_TASK_DETAIL (detail) ? bbh_task_detail_get_phone (detail) : NULL;
  const char *time = BBH_IS_TASK_DETAIL (detail) ? bbh_task_detail_get_call_time (detail) : NULL;
  g_autofree char *title = NULL;

  if (phone != NULL && time != NULL && *time != '\0')
    /* Translators: a recording's title: the number, then when it was called */
    title = g_strdup_printf (_("%s, %s"), phone, time);
  else
    title = g_strdup (phone != NULL ? phone : "");
  return g_variant_new ("(ss)", wav != NULL ? wav : "", title);
}

/* The numbers of a task ------------------------------------------------------------------- */

static BbhClient *
get_client (AgentCampaignsPage *self)
{
  return self->session != NULL ? agent_session_get_client (self->session) : NULL;
}

static void
details_fetch (guint                start,
               guint                limit,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             callback_data,
               gpointer             user_data)
{
  AgentCampaignsPage *self = AGENT_CAMPAIGNS_PAGE (user_data);
  BbhClient *client = get_client (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;

  switch (self->query.time_range)
    {
    case 1:
      from = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
      to = g_date_time_add_days (from, 1);
      break;
    case 2:
    case 3:
      from = g_date_time_add_days (now, self->query.time_range == 2 ? -7 : -30);
      to = g_date_time_add_minutes (now, 1);
      break;
    default:
      break;
    }

  bbh_client_find_task_mx_async (client, self->query.flow_id, self->query.filter, 0,
                                 self->query.name, from, to, start, limit, cancellable,
                                 callback, callback_data);
}

static void
show_counts (AgentCampaignsPage *self,
             GListModel         *groups)
{
  gint64 counts[6] = { 0 };
  gint64 total = 0;
  static const AgentChannelBarStyle styles[] = {
    AGENT_CHANNEL_BAR_NEUTRAL, AGENT_CHANNEL_BAR_ACCENT, AGENT_CHANNEL_BAR_WARNING,
    AGENT_CHANNEL_BAR_ERROR, AGENT_CHANNEL_BAR_SUCCESS, AGENT_CHANNEL_BAR_SUCCESS,
  };

  agent_channel_bar_clear (self->counts_bar);
  for (guint i = 0; groups != NULL && i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BbhTaskCount) count = g_list_model_get_item (groups, i);
      int status = bbh_task_count_get_status (count);

      if (status >= 0 && status < (int) G_N_ELEMENTS (counts))
        {
          counts[status] += bbh_task_count_get_count (count);
          total += bbh_task_count_get_count (count);
        }
    }
  for (guint s = 0; s < G_N_ELEMENTS (counts); s++)
    if (counts[s] > 0)
      {
        g_autofree char *text = agent_admin_format_count (counts[s]);

        agent_channel_bar_add (self->counts_bar, bbh_task_detail_describe_status (s),
                               counts[s], total, text, styles[s]);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->counts_bar), total > 0);
}

static GListModel *
details_finish (GAsyncResult  *result,
                guint64       *out_total,
                GError       **error,
                gpointer       user_data)
{
  AgentCampaignsPage *self = AGENT_CAMPAIGNS_PAGE (user_data);
  g_autoptr(GListModel) groups = NULL;
  GListModel *details;

  details = bbh_client_find_task_mx_finish (get_client (self), result, out_total, &groups, error);
  if (details != NULL)
    show_counts (self, groups);
  return details;
}

static void
on_details_loaded_cb (AgentCampaignsPage *self,
                      guint               start,
                      guint               n_items)
{
  guint64 total = agent_paged_model_get_total (self->details);
  g_autofree char *count = agent_admin_format_count (total);
  g_autofree char *summary = NULL;

  if (start != 0)
    return;
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s number", "%s numbers", total), count);
  gtk_label_set_label (self->details_summary, summary);
  if (total == 0)
    {
      adw_status_page_set_title (self->details_status, _("No Numbers"));
      adw_status_page_set_description (self->details_status,
                                       _("No number of this task matches what is chosen above"));
    }
  gtk_stack_set_visible_child_name (self->details_stack, total > 0 ? "list" : "empty");
}

static void
on_details_error_cb (AgentCampaignsPage *self,
                     const GError       *error)
{
  adw_status_page_set_title (self->details_status,
                             agent_admin_error_is_denied (error) ? _("Not Allowed")
                                                                 : _("The Numbers Could Not Be Loaded"));
  adw_status_page_set_description (self->details_status, error->message);
  gtk_stack_set_visible_child_name (self->details_stack, "empty");
  gtk_label_set_label (self->details_summary, "");
}

static void
reload_details (AgentCampaignsPage *self)
{
  BbhCallFlow *flow = gtk_single_selection_get_selected_item (self->flows_selection);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  DetailsQuery query = {
    flow != NULL ? bbh_call_flow_get_id (flow) : 0,
    status == 1 ? BBH_TASK_FILTER_NOT_STARTED : status == 2 ? BBH_TASK_FILTER_DONE : BBH_TASK_FILTER_ALL,
    (char *) name,
    gtk_drop_down_get_selected (self->time_dropdown),
  };

  if (flow == NULL || get_client (self) == NULL)
    {
      agent_paged_model_clear (self->details);
      gtk_stack_set_visible_child_name (self->details_stack, "empty");
      return;
    }

  /* the same question twice (a row chosen, then its name typed in for it) asks once */
  if (self->have_query && query.flow_id == self->query.flow_id && query.filter == self->query.filter &&
      query.time_range == self->query.time_range && g_strcmp0 (query.name, self->query.name) == 0)
    return;

  g_free (self->query.name);
  self->query = query;
  self->query.name = g_strdup (*name != '\0' ? name : NULL);
  self->have_query = TRUE;
  agent_paged_model_reload (self->details);
}

static void
on_filter_changed_cb (AgentCampaignsPage *self)
{
  reload_details (self);
}

static void
on_flow_selected_cb (AgentCampaignsPage *self)
{
  BbhCallFlow *flow = gtk_single_selection_get_selected_item (self->flows_selection);
  const char *task = flow != NULL ? bbh_call_flow_get_task_name (flow) : NULL;

  /* the row's task narrows the numbers to it */
  g_signal_handlers_block_by_func (self->name_entry, on_filter_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), task != NULL ? task : "");
  g_signal_handlers_unblock_by_func (self->name_entry, on_filter_changed_cb, self);
  reload_details (self);
}

/* Flows -------------------------------------------------------------------------------------- */

static void
on_find_call_flow_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentCampaignsPage) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;

  flows = bbh_client_find_call_flow_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (flows == NULL)
    {
      agent_admin_show_failure (self->stack, self->denied_page, self->error_page, error);
      agent_page_loaded (AGENT_PAGE (self), 0);
      return;
    }

  /* Reloading keeps the task being watched, so that its numbers are seen to progress. */
  if (self->select_task_name == NULL)
    {
      BbhCallFlow *selected = gtk_single_selection_get_selected_item (self->flows_selection);

      if (selected != NULL && bbh_call_flow_get_task_name (selected) != NULL)
        self->select_task_name = g_strdup (bbh_call_flow_get_task_name (selected));
    }

  g_set_object (&self->flows, flows);
  self->have_query = FALSE;
  gtk_single_selection_set_model (self->flows_selection, flows);
  if (self->select_task_name != NULL)
    {
      agent_campaigns_page_select_task (self, self->select_task_name);
      g_clear_pointer (&self->select_task_name, g_free);
    }
  on_flow_selected_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
  agent_page_loaded (AGENT_PAGE (self), g_list_model_get_n_items (flows));
}

static void
reload_flows (AgentCampaignsPage *self)
{
  BbhClient *client = get_client (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (client == NULL)
    {
      agent_page_loaded (AGENT_PAGE (self), 0);
      return;
    }

  self->cancellable = g_cancellable_new ();
  if (self->flows == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  bbh_client_find_call_flow_async (client, 0, self->cancellable, on_find_call_flow_cb, g_object_ref (self));
}

static void
agent_campaigns_page_load (AgentPage    *page,
                           AgentSession *session)
{
  AgentCampaignsPage *self = AGENT_CAMPAIGNS_PAGE (page);

  g_set_object (&self->session, session);
  reload_flows (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_campaigns_page_load;
}

/* Actions ------------------------------------------------------------------------------------ */

static void
on_task_created_cb (AgentTaskEditor *editor,
                    gint64           task_id,
                    gpointer         user_data)
{
  AgentCampaignsPage *self = AGENT_CAMPAIGNS_PAGE (user_data);
  g_autofree char *message = g_strdup_printf (_("Task “%s” was created"),
                                              agent_task_editor_get_task_name (editor));

  agent_admin_toast (GTK_WIDGET (self), message);
  g_free (self->select_task_name);
  self->select_task_name = g_strdup (agent_task_editor_get_task_name (editor));
  reload_flows (self);
}

static void
new_task_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentCampaignsPage *self = AGENT_CAMPAIGNS_PAGE (widget);
  BbhClient *client = get_client (self);
  BbhExtension *extension = self->session != NULL ? agent_session_get_extension (self->session) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AgentTaskEditor *editor;

  if (client == NULL)
    return;

  editor = agent_task_editor_new (client, self->flows,
                                  extension != NULL ? bbh_extension_get_company_number (extension) : NULL);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      if (gtk_window_get_application (GTK_WINDOW (root)) != NULL)
        gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (root)));
    }
  g_signal_connect_object (editor, "created", G_CALLBACK (on_task_created_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload_flows (AGENT_CAMPAIGNS_PAGE (widget));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentCampaignsPage *self = AGENT_CAMPAIGNS_PAGE (widget);
  BbhClient *client = get_client (self);
  const char *wav, *title;
  g_autofree char *url = NULL;

  g_variant_get (parameter, "(&s&s)", &wav, &title);
  if (client == NULL || *wav == '\0')
    return;
  url = bbh_client_dup_recording_url (client, wav);
  if (url != NULL)
    agent_player_bar_open (self->player_bar, url, NULL, title);
}

/* GObject ------------------------------------------------------------------------------------ */

static void
agent_campaigns_page_dispose (GObject *object)
{
  AgentCampaignsPage *self = AGENT_CAMPAIGNS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->player_bar != NULL)
    agent_player_bar_close (self->player_bar);
  g_clear_object (&self->flows);
  g_clear_object (&self->details);
  g_clear_object (&self->session);
  g_clear_pointer (&self->select_task_name, g_free);
  g_clear_pointer (&self->query.name, g_free);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CAMPAIGNS_PAGE);

  G_OBJECT_CLASS (agent_campaigns_page_parent_class)->dispose (object);
}

static void
agent_campaigns_page_class_init (AgentCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_campaigns_page_dispose;

  g_type_ensure (BBH_TYPE_CALL_FLOW);
  g_type_ensure (BBH_TYPE_TASK_DETAIL);
  g_type_ensure (AGENT_TYPE_CHANNEL_BAR);
  g_type_ensure (AGENT_TYPE_PLAYER_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-campaigns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, denied_page);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, flows_view);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, flows_selection);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, time_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, counts_bar);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, details_summary);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, details_status);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, details_view);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, details_selection);
  gtk_widget_class_bind_template_child (widget_class, AgentCampaignsPage, player_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_flow_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, flow_transfer_cb);
  gtk_widget_class_bind_template_callback (widget_class, flow_recording_cb);
  gtk_widget_class_bind_template_callback (widget_class, flow_sms_cb);
  gtk_widget_class_bind_template_callback (widget_class, flow_dialing_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, talk_time_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_recording_cb);
  gtk_widget_class_bind_template_callback (widget_class, recording_opacity_cb);
  gtk_widget_class_bind_template_callback (widget_class, play_target_cb);

  gtk_widget_class_install_action (widget_class, "campaigns.new-task", NULL, new_task_action);
  gtk_widget_class_install_action (widget_class, "campaigns.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "campaigns.play", "(ss)", play_action);
}

static void
agent_campaigns_page_init (AgentCampaignsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->details = agent_paged_model_new (BBH_TYPE_TASK_DETAIL, DETAILS_PAGE_SIZE);
  agent_paged_model_set_fetch_func (self->details, details_fetch, details_finish, self, NULL);
  g_signal_connect_object (self->details, "page-loaded", G_CALLBACK (on_details_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details, "error", G_CALLBACK (on_details_error_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_no_selection_set_model (self->details_selection, G_LIST_MODEL (self->details));
  gtk_widget_set_visible (GTK_WIDGET (self->counts_bar), FALSE);
}

GtkWidget *
agent_campaigns_page_new (void)
{
  return g_object_new (AGENT_TYPE_CAMPAIGNS_PAGE, NULL);
}

/**
 * agent_campaigns_page_get_flows:
 *
 * Returns: (transfer none) (nullable): the call flows and tasks as last loaded (#BbhCallFlow)
 */
GListModel *
agent_campaigns_page_get_flows (AgentCampaignsPage *self)
{
  g_return_val_if_fail (AGENT_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->flows;
}

/**
 * agent_campaigns_page_get_details:
 *
 * Returns: (transfer none): the numbers shown (an #AgentPagedModel of #BbhTaskDetail)
 */
GListModel *
agent_campaigns_page_get_details (AgentCampaignsPage *self)
{
  g_return_val_if_fail (AGENT_IS_CAMPAIGNS_PAGE (self), NULL);

  return G_LIST_MODEL (self->details);
}

/* What clicking the row of the task called @task_name does. */
gboolean
agent_campaigns_page_select_task (AgentCampaignsPage *self,
                                  const char         *task_name)
{
  g_return_val_if_fail (AGENT_IS_CAMPAIGNS_PAGE (self), FALSE);

  for (guint i = 0; self->flows != NULL && i < g_list_model_get_n_items (self->flows); i++)
    {
      g_autoptr(BbhCallFlow) flow = g_list_model_get_item (self->flows, i);

      if (g_strcmp0 (bbh_call_flow_get_task_name (flow), task_name) == 0)
        {
          gtk_single_selection_set_selected (self->flows_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* What choosing in the "which numbers" menu does. */
void
agent_campaigns_page_set_filter (AgentCampaignsPage *self,
                                 BbhTaskFilter       filter)
{
  g_return_if_fail (AGENT_IS_CAMPAIGNS_PAGE (self));

  gtk_drop_down_set_selected (self->status_dropdown,
                              filter == BBH_TASK_FILTER_NOT_STARTED ? 1 : filter == BBH_TASK_FILTER_DONE ? 2 : 0);
}

/**
 * agent_campaigns_page_get_counts:
 *
 * Returns: (transfer none): the picture of the numbers per state
 */
AgentChannelBar *
agent_campaigns_page_get_counts (AgentCampaignsPage *self)
{
  g_return_val_if_fail (AGENT_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->counts_bar;
}
