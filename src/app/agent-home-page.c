/* agent-home-page.c — today's calls
 *
 * The first page after login: the agent's own calls since midnight, newest first, from
 * findDialrecord. Its row count is what `page-shown` reports for `home`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-home-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-home-page.h"
#include "agent-page.h"

/* One screenful and then some; the history page pages through everything. */
#define TODAY_LIMIT 200

struct _AgentHomePage
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkListView     *list_view;
  GtkNoSelection  *selection;
  GtkLabel        *summary_label;
  AdwStatusPage   *error_page;

  /* Owned */
  GListModel      *calls;
  GCancellable    *cancellable;
  AgentSession    *session;
  guint64          total;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentHomePage, agent_home_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

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
talk_time_cb (GtkListItem *item,
              int          seconds)
{
  if (seconds <= 0)
    return g_strdup (_("Not answered"));
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  return g_strdup_printf ("%d:%02d", seconds / 60, seconds % 60);
}

static void
show_calls (AgentHomePage *self)
{
  guint n = self->calls != NULL ? g_list_model_get_n_items (self->calls) : 0;
  g_autofree char *summary = NULL;

  gtk_no_selection_set_model (self->selection, self->calls);

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u call today", "%u calls today",
                                          (gulong) self->total),
                             (guint) self->total);
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
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

  calls = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, &total, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (calls == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      agent_page_loaded (AGENT_PAGE (self), 0);
      return;
    }

  g_set_object (&self->calls, calls);
  self->total = MAX (total, g_list_model_get_n_items (calls));
  show_calls (self);
  agent_page_loaded (AGENT_PAGE (self), (guint) MIN (self->total, G_MAXUINT));
}

static void
agent_home_page_load (AgentPage    *page,
                      AgentSession *session)
{
  AgentHomePage *self = AGENT_HOME_PAGE (page);
  BbhClient *client = agent_session_get_client (session);
  BbhExtension *extension = agent_session_get_extension (session);
  g_autoptr(BbhCallRecordQuery) query = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  const char *extensions[2] = { NULL, NULL };

  g_set_object (&self->session, session);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (client == NULL || extension == NULL)
    {
      agent_page_loaded (page, 0);
      return;
    }

  self->cancellable = g_cancellable_new ();
  if (self->calls == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = g_date_time_add_days (midnight, 1);

  query = bbh_call_record_query_new ();
  extensions[0] = bbh_extension_get_extension (extension);
  if (extensions[0] != NULL && *extensions[0] != '\0')
    bbh_call_record_query_set_extensions (query, extensions);
  bbh_call_record_query_set_time_range (query, midnight, tomorrow);
  bbh_call_record_query_set_page (query, 0, TODAY_LIMIT);

  bbh_client_find_dial_record_async (client, query, self->cancellable,
                                     on_find_dial_record_cb, g_object_ref (self));
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
    agent_home_page_load (AGENT_PAGE (self), self->session);
}

static void
agent_home_page_dispose (GObject *object)
{
  AgentHomePage *self = AGENT_HOME_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, selection);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AgentHomePage, error_page);

  gtk_widget_class_install_action (widget_class, "home.retry", NULL, retry_action);
}

static void
agent_home_page_init (AgentHomePage *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

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
 * Returns: (transfer none) (nullable): today's calls as last loaded
 */
GListModel *
agent_home_page_get_calls (AgentHomePage *self)
{
  g_return_val_if_fail (AGENT_IS_HOME_PAGE (self), NULL);

  return self->calls;
}
