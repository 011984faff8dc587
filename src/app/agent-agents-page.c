/* agent-agents-page.c — the company's agents: list, add, edit, delete, passwords, show numbers
 *
 * getExtensions answers every agent of the company at once (no paging in the document); a
 * company has tens or hundreds of agents, so the page holds the list. A reset password is
 * shown once, in its dialog, with a Copy button, and kept nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-agents-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-admin-private.h"
#include "agent-agent-editor.h"
#include "agent-agents-page.h"
#include "agent-page.h"

struct _AgentAgentsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkWidget          *toolbar;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  AdwStatusPage      *denied_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;

  /* Owned */
  AgentSession       *session;
  GCancellable       *cancellable;   /* loading the list */
  GCancellable       *actions;       /* changes; only the page's end cancels them */
  GListModel         *agents;
  char               *select_after_load;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentAgentsPage, agent_agents_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

static void reload (AgentAgentsPage *self);

static char *
role_text_cb (GtkListItem *item,
              int          status)
{
  return g_strdup (status >= 0 ? bbh_agent_describe_status (status) : "");
}

static char *
recording_text_cb (GtkListItem *item,
                   int          is_record)
{
  if (is_record < 0)
    return g_strdup ("");
  return g_strdup (is_record ? C_("recording", "On") : C_("recording", "Off"));
}

static char *
login_type_text_cb (GtkListItem *item,
                    int          login_type)
{
  return g_strdup (login_type >= 0 ? bbh_agent_describe_login_type (login_type) : "");
}

static char *
department_text_cb (GtkListItem *item,
                    gint64       department_id)
{
  if (department_id <= 0)
    return g_strdup ("—");
  return g_strdup_printf ("%" G_GINT64_FORMAT, department_id);
}

static BbhClient *
get_client (AgentAgentsPage *self)
{
  return self->session != NULL ? agent_session_get_client (self->session) : NULL;
}

static BbhAgent *
selected_agent (AgentAgentsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
on_selection_changed_cb (AgentAgentsPage *self)
{
  gboolean selected = selected_agent (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agents.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agents.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agents.reset-password", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agents.show-number", selected);
}

static void
update_summary (AgentAgentsPage *self)
{
  guint n = self->agents != NULL ? g_list_model_get_n_items (self->agents) : 0;
  guint in = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhAgent) agent = g_list_model_get_item (self->agents, i);

      if (bbh_agent_get_status (agent) != BBH_AGENT_STATUS_DISABLED &&
          bbh_agent_get_status (agent) != BBH_AGENT_STATUS_STAFF)
        in++;
    }
  /* Translators: "12 agents, 10 of them can take calls" (not disabled, not staff): whether they
   * are checked in is on the live board */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agent, %u can take calls",
                                       "%u agents, %u can take calls", n),
                          n, in);
  gtk_label_set_label (self->summary_label, text);
}

static void
on_get_extensions_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentAgentsPage) self = user_data;
  g_autoptr(GListModel) agents = NULL;
  g_autoptr(GError) error = NULL;

  agents = bbh_client_get_extensions_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (agents == NULL)
    {
      gtk_widget_set_visible (self->toolbar, !agent_admin_error_is_denied (error));
      agent_admin_show_failure (self->stack, self->denied_page, self->error_page, error);
      agent_page_loaded (AGENT_PAGE (self), 0);
      return;
    }

  /* a reload after an edit, a password or a show number keeps the agent chosen */
  if (self->select_after_load == NULL && selected_agent (self) != NULL)
    self->select_after_load = g_strdup (bbh_agent_get_extension (selected_agent (self)));

  gtk_widget_set_visible (self->toolbar, TRUE);
  g_set_object (&self->agents, agents);
  gtk_single_selection_set_model (self->selection, agents);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (self->select_after_load != NULL)
    {
      agent_agents_page_select_extension (self, self->select_after_load);
      g_clear_pointer (&self->select_after_load, g_free);
    }
  update_summary (self);
  on_selection_changed_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  agent_page_loaded (AGENT_PAGE (self), g_list_model_get_n_items (agents));
}

static void
reload (AgentAgentsPage *self)
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
  if (self->agents == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  bbh_client_get_extensions_async (client, self->cancellable, on_get_extensions_cb,
                                   g_object_ref (self));
}

static void
agent_agents_page_load (AgentPage    *page,
                        AgentSession *session)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (page);

  g_set_object (&self->session, session);
  reload (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_agents_page_load;
}

/* Add and edit ----------------------------------------------------------------------------- */

static void
on_editor_saved_cb (AgentAgentEditor *editor,
                    gint64            exte_id,
                    gpointer          user_data)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (user_data);

  agent_admin_toast (GTK_WIDGET (self), agent_agent_editor_get_agent (editor) != NULL
                                          ? _("The agent was saved")
                                          : _("The agent was added"));
  reload (self);
}

static void
open_editor (AgentAgentsPage *self,
             BbhAgent        *agent)
{
  BbhClient *client = get_client (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AgentAgentEditor *editor;

  if (client == NULL)
    return;

  editor = agent_agent_editor_new (client, agent);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      if (gtk_window_get_application (GTK_WINDOW (root)) != NULL)
        gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (root)));
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (AGENT_AGENTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (widget);
  BbhAgent *agent = selected_agent (self);

  if (agent != NULL)
    open_editor (self, agent);
}

static void
on_row_activated_cb (AgentAgentsPage *self,
                     guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  edit_action (GTK_WIDGET (self), "agents.edit", NULL);
}

/* Delete -------------------------------------------------------------------------------------- */

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AgentAgentsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bbh_client_del_extension_finish (BBH_CLIENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The agent could not be deleted: %s"), error->message);
      agent_admin_toast (GTK_WIDGET (self), message);
      return;
    }
  agent_admin_toast (GTK_WIDGET (self), _("The agent was deleted"));
  reload (self);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (user_data);
  BbhAgent *agent = g_object_get_data (G_OBJECT (dialog), "agent-agent");
  BbhClient *client = get_client (self);

  if (!g_str_equal (response, "delete") || agent == NULL || client == NULL)
    return;
  bbh_client_del_extension_async (client, bbh_agent_get_id (agent), self->actions,
                                  on_deleted_cb, g_object_ref (self));
}

static char *
describe_agent (BbhAgent *agent)
{
  const char *name = bbh_agent_get_name (agent);
  const char *extension = bbh_agent_get_extension (agent);

  if (name != NULL && *name != '\0')
    /* Translators: an agent: the name, then the extension */
    return g_strdup_printf (_("%s (extension %s)"), name, extension != NULL ? extension : "");
  return g_strdup_printf (_("Extension %s"), extension != NULL ? extension : "");
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (widget);
  BbhAgent *agent = selected_agent (self);
  g_autofree char *who = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (agent == NULL)
    return;

  who = describe_agent (agent);
  body = g_strdup_printf (_("%s will no longer be able to log in or take calls. Their call "
                            "records stay. This cannot be undone."), who);
  dialog = agent_admin_dialog_new (widget, _("Delete the Agent?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "agents-delete-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "agent-agent", g_object_ref (agent), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Passwords ------------------------------------------------------------------------------------ */

static void
on_copy_clicked_cb (GtkButton *button,
                    GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), gtk_label_get_label (label));
  gtk_button_set_label (button, _("Copied"));
}

/* The one place a new password is shown; closing the dialog forgets it. */
static void
show_password (AgentAgentsPage *self,
               const char      *heading,
               const char      *body,
               const char      *password)
{
  AdwMessageDialog *dialog = agent_admin_dialog_new (GTK_WIDGET (self), heading, body);
  GtkWidget *box, *label, *copy;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new (password);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "password-label");
  copy = gtk_button_new_with_mnemonic (_("_Copy"));
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "copy-button");
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), label);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_response (dialog, "close", _("_Done"));
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "agents-password-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_password_reset_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentAgentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *heading = NULL;
  BbhAgent *agent = g_object_get_data (G_OBJECT (self), "agent-resetting");

  password = bbh_client_init_extension_password_finish (BBH_CLIENT (object), result, &error);
  if (password == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The password could not be reset: %s"), error->message);
      agent_admin_toast (GTK_WIDGET (self), message);
      return;
    }

  heading = g_strdup_printf (_("New Password for Extension %s"),
                             agent != NULL && bbh_agent_get_extension (agent) != NULL
                               ? bbh_agent_get_extension (agent) : "");
  show_password (self, heading,
                 _("Give it to the agent now: it is shown only this once. The old password "
                   "no longer works."),
                 password);
  /* not kept: the dialog's label is the only copy */
  memset (password, 0, strlen (password));
}

static void
on_reset_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (user_data);
  BbhAgent *agent = g_object_get_data (G_OBJECT (dialog), "agent-agent");
  BbhClient *client = get_client (self);

  if (!g_str_equal (response, "reset") || agent == NULL || client == NULL)
    return;
  g_object_set_data_full (G_OBJECT (self), "agent-resetting", g_object_ref (agent), g_object_unref);
  bbh_client_init_extension_password_async (client, bbh_agent_get_id (agent), self->actions,
                                            on_password_reset_cb, g_object_ref (self));
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (widget);
  BbhAgent *agent = selected_agent (self);
  g_autofree char *who = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (agent == NULL)
    return;

  who = describe_agent (agent);
  body = g_strdup_printf (_("The server makes a new password for %s and the old one stops "
                            "working at once."), who);
  dialog = agent_admin_dialog_new (widget, _("Reset the Password?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset Password"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "agents-reset-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "agent-agent", g_object_ref (agent), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_registered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentAgentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhAgentAccount) account = NULL;
  g_autofree char *heading = NULL;

  account = bbh_client_register_extension_finish (BBH_CLIENT (object), result, &error);
  if (account == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("No agent could be created: %s"), error->message);
      agent_admin_toast (GTK_WIDGET (self), message);
      return;
    }

  heading = g_strdup_printf (_("Extension %s Was Created"), bbh_agent_account_get_extension (account));
  show_password (self, heading,
                 _("This is its password. Give it to the agent now: it is shown only this once."),
                 bbh_agent_account_get_password (account));
  g_free (self->select_after_load);
  self->select_after_load = g_strdup (bbh_agent_account_get_extension (account));
  reload (self);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (widget);
  BbhClient *client = get_client (self);

  if (client != NULL)
    bbh_client_register_extension_async (client, self->actions, on_registered_cb,
                                         g_object_ref (self));
}

/* The outgoing show number ----------------------------------------------------------------------- */

static void
on_show_number_set_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AgentAgentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!bbh_client_set_show_phone_finish (BBH_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The show number could not be set: %s"), error->message);
    }
  else
    message = g_strdup (_("The show number was set"));
  agent_admin_toast (GTK_WIDGET (self), message);
  reload (self);
}

static void
on_show_number_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  g_autofree char *phone = agent_admin_normalize_phone (gtk_editable_get_text (entry), NULL);

  adw_message_dialog_set_response_enabled (dialog, "set", phone != NULL);
}

static void
on_show_number_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (user_data);
  BbhAgent *agent = g_object_get_data (G_OBJECT (dialog), "agent-agent");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  BbhClient *client = get_client (self);
  g_autofree char *phone = NULL;

  if (!g_str_equal (response, "set") || agent == NULL || client == NULL)
    return;
  phone = agent_admin_normalize_phone (gtk_editable_get_text (entry), NULL);
  if (phone == NULL)
    return;
  bbh_client_set_show_phone_async (client, bbh_agent_get_extension (agent), phone,
                                   self->actions, on_show_number_set_cb, g_object_ref (self));
}

static void
show_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (widget);
  BbhAgent *agent = selected_agent (self);
  g_autofree char *who = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (agent == NULL)
    return;

  who = describe_agent (agent);
  body = g_strdup_printf (_("The number people see when %s calls them. It must be one of the "
                            "company’s numbers."), who);
  dialog = agent_admin_dialog_new (widget, _("Outgoing Show Number"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Phone number"));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "set");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "set", FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "agents-show-number-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "agent-agent", g_object_ref (agent), g_object_unref);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_show_number_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_show_number_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (AGENT_AGENTS_PAGE (widget));
}

/* GObject ------------------------------------------------------------------------------------ */

static void
agent_agents_page_dispose (GObject *object)
{
  AgentAgentsPage *self = AGENT_AGENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->actions);
  g_clear_object (&self->actions);
  g_clear_object (&self->agents);
  g_clear_object (&self->session);
  g_clear_pointer (&self->select_after_load, g_free);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_AGENTS_PAGE);

  G_OBJECT_CLASS (agent_agents_page_parent_class)->dispose (object);
}

static void
agent_agents_page_class_init (AgentAgentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_agents_page_dispose;

  g_type_ensure (BBH_TYPE_AGENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-agents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentAgentsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentsPage, denied_page);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentsPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, recording_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_type_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, department_text_cb);

  gtk_widget_class_install_action (widget_class, "agents.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "agents.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "agents.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "agents.reset-password", NULL, reset_password_action);
  gtk_widget_class_install_action (widget_class, "agents.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "agents.show-number", NULL, show_number_action);
  gtk_widget_class_install_action (widget_class, "agents.reload", NULL, reload_action);
}

static void
agent_agents_page_init (AgentAgentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->actions = g_cancellable_new ();
  on_selection_changed_cb (self);
}

GtkWidget *
agent_agents_page_new (void)
{
  return g_object_new (AGENT_TYPE_AGENTS_PAGE, NULL);
}

/**
 * agent_agents_page_get_agents:
 *
 * Returns: (transfer none) (nullable): the agents as last loaded (#BbhAgent)
 */
GListModel *
agent_agents_page_get_agents (AgentAgentsPage *self)
{
  g_return_val_if_fail (AGENT_IS_AGENTS_PAGE (self), NULL);

  return self->agents;
}

/* What clicking the row of @extension does. */
gboolean
agent_agents_page_select_extension (AgentAgentsPage *self,
                                    const char      *extension)
{
  g_return_val_if_fail (AGENT_IS_AGENTS_PAGE (self), FALSE);

  if (self->agents == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (self->agents); i++)
    {
      g_autoptr(BbhAgent) agent = g_list_model_get_item (self->agents, i);

      if (g_strcmp0 (bbh_agent_get_extension (agent), extension) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}
