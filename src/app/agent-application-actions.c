/* agent-application-actions.c — the application's actions (DESIGN.md "Application actions")
 * and their accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-application"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-application-private.h"
#include "agent-page.h"
#include "agent-popup-manager.h"
#include "agent-preferences-window.h"
#include "agent-trace.h"

/* Actions -------------------------------------------------------------------------------- */

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AgentApplication *self = user_data;
  AgentWindow *window = agent_application_ensure_window (self);
  const char *name = g_variant_get_string (parameter, NULL);

  gtk_window_present (GTK_WINDOW (window));

  /* Asked for while the login at startup is on its way: shown once it is done. */
  if (!agent_session_get_logged_in (self->session) && agent_page_name_is_known (name) &&
      (self->starting || agent_session_get_busy (self->session)))
    {
      g_free (self->pending_page);
      self->pending_page = g_strdup (name);
      return;
    }

  agent_window_show_page (window, name);
}

static void
dial_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AgentApplication *self = user_data;

  agent_application_request_dial (self, g_variant_get_string (parameter, NULL));
}

static void
open_customer_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AgentApplication *self = user_data;
  gboolean handled = FALSE;

  if (!agent_application_needs_session (self, _("Log in to open a customer.")))
    return;

  /* Pages are built when first needed: the customers page answers this signal. */
  agent_window_get_page (agent_application_ensure_window (self), "customers");
  g_signal_emit (self, agent_application_signals[OPEN_CUSTOMER_REQUESTED], 0,
                 g_variant_get_string (parameter, NULL), &handled);
  if (!handled)
    agent_application_toast (self, _("Customer records are not available in this version."));
}

static void
play_recording_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AgentApplication *self = user_data;
  gboolean handled = FALSE;

  if (!agent_application_needs_session (self, _("Log in to play recordings.")))
    return;

  /* The call history page answers this signal; build it if it was never shown. */
  agent_window_get_page (agent_application_ensure_window (self), "history");
  g_signal_emit (self, agent_application_signals[PLAY_RECORDING_REQUESTED], 0,
                 g_variant_get_string (parameter, NULL), &handled);
  if (!handled)
    agent_application_toast (self, _("Recordings cannot be played in this version."));
}

static void
on_check_in_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!agent_session_set_checked_in_finish (AGENT_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Checking in or out failed: %s"),
                                                  error->message);

      agent_application_toast (self, message);
    }
}

static void
check_in_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AgentApplication *self = user_data;
  gboolean checked_in = g_variant_get_boolean (parameter);

  if (!agent_application_needs_session (self, checked_in ? _("Log in to check in.") : _("Log in to check out.")))
    {
      AGENT_TRACE ("check-in",
                   "checked_in", g_variant_new_boolean (checked_in),
                   "ok", g_variant_new_boolean (FALSE),
                   "reason", g_variant_new_string ("not logged in"),
                   NULL);
      return;
    }

  agent_session_set_checked_in_async (self->session, checked_in,
                                      agent_session_get_cancellable (self->session),
                                      on_check_in_cb, g_object_ref (self));
}

static void
on_logout_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  agent_session_logout_finish (AGENT_SESSION (object), result, NULL);
}

static void
logout_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AgentApplication *self = user_data;
  g_autofree char *server = g_strdup (agent_session_get_server (self->session));
  g_autofree char *account = g_strdup (agent_session_get_account (self->session));
  AgentWindow *window = agent_application_ensure_window (self);

  agent_application_clear_pending (self);

  if (!agent_session_get_logged_in (self->session))
    {
      agent_window_show_login (window, NULL);
      return;
    }

  /* Logging out means "not me next time": the remembered password goes too. */
  if (server != NULL && account != NULL && !self->on_sandbox)
    agent_credentials_forget_async (self->credentials, server, account, NULL,
                                    agent_application_on_credentials_forgotten_cb, NULL);

  agent_session_logout_async (self->session, on_logout_cb, NULL);
  agent_window_set_sandbox (window, FALSE);
  agent_login_page_set_account (agent_window_get_login_page (window), account);
  agent_window_show_login (window, NULL);
}

/* Dialogs first: destroying the main window takes its transient windows with it. */
static void
destroy_windows (AgentApplication *self,
                 gboolean          main_window)
{
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     (GCopyFunc) g_object_ref, NULL);

  for (GList *l = windows; l != NULL; l = l->next)
    if (!AGENT_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  for (GList *l = windows; l != NULL && main_window; l = l->next)
    if (AGENT_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);

  g_list_free_full (windows, g_object_unref);
}

static void
finish_quit (AgentApplication *self)
{
  g_clear_handle_id (&self->quit_backstop_id, g_source_remove);
  agent_sandbox_stop (self->sandbox);
  agent_trace_flush ();

  destroy_windows (self, TRUE);
  g_application_quit (G_APPLICATION (self));
}

static gboolean
on_quit_backstop_cb (gpointer user_data)
{
  AgentApplication *self = user_data;

  self->quit_backstop_id = 0;
  g_message ("The server did not answer the check-out in time; quitting anyway");
  finish_quit (self);
  return G_SOURCE_REMOVE;
}

static void
on_quit_logout_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AgentApplication) self = user_data;

  agent_session_logout_finish (AGENT_SESSION (object), result, NULL);
  if (self->quit_backstop_id != 0)
    finish_quit (self);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AgentApplication *self = user_data;

  if (self->quitting)
    return;
  self->quitting = TRUE;

  g_cancellable_cancel (self->cancellable);

  /* The windows go at once; the check-out finishes behind the scenes. (Hiding a modal dialog
   * before destroying it upsets GTK: dialogs are destroyed, the main window hidden.) */
  destroy_windows (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (agent_application_ensure_window (self)), FALSE);

  /* "Check out on quit" off: the agent stays checked in, calls keep being routed to them. */
  if (!g_settings_get_boolean (self->settings, "check-out-on-quit"))
    {
      finish_quit (self);
      return;
    }

  self->quit_backstop_id = g_timeout_add (QUIT_BACKSTOP_MS, on_quit_backstop_cb, self);
  /* The remembered password stays: quitting is not logging out. */
  agent_session_logout_async (self->session, on_quit_logout_cb, g_object_ref (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AgentApplication *self = user_data;
  GtkWindow *preferences = agent_preferences_window_new (GTK_WINDOW (agent_application_ensure_window (self)),
                                                         self->settings);

  gtk_window_set_application (preferences, GTK_APPLICATION (self));
  gtk_window_present (preferences);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AgentApplication *self = user_data;
  const char *developers[] = { "Babaihu Agent contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", self,
                        "transient-for", agent_application_ensure_window (self),
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Babaihu Agent"),
                        "developer-name", _("Babaihu Agent contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("A desktop client for agents of the 800ing cloud call center"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one a line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AgentApplication *self = user_data;
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (agent_application_ensure_window (self));

  /* As the window's help overlay: only then does it show the accelerators of the actions it
   * names (the window fills them in from the application). */
  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      GtkShortcutsWindow *overlay;

      builder = gtk_builder_new_from_resource ("/org/babaihu/Agent/agent-shortcuts-window.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      gtk_application_window_set_help_overlay (window, overlay);
      gtk_window_set_application (GTK_WINDOW (overlay), GTK_APPLICATION (self));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/* The desktop file's "Dial a Number" (under D-Bus activation it has no parameter), F3. */
static void
show_dialer_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AgentApplication *self = user_data;
  AgentWindow *window = agent_application_ensure_window (self);
  GtkWidget *dialer;

  gtk_window_present (GTK_WINDOW (window));
  if (!agent_application_needs_session (self, _("Log in to dial.")))
    return;

  dialer = agent_window_get_dialer (window);
  if (dialer != NULL)
    gtk_widget_activate_action (dialer, "dialer.keypad", NULL);
}

/* The desktop file's "Missed Calls": today's page, with the missed calls under the dialer. */
static void
show_missed_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "show-page",
                                  g_variant_new_string ("home"));
}

/* F2: check in when checked out and the other way round. */
static void
toggle_check_in_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AgentApplication *self = user_data;

  g_action_group_activate_action (G_ACTION_GROUP (self), "check-in",
                                  g_variant_new_boolean (!agent_session_get_checked_in (self->session)));
}

/* F5: the page shown, loaded again from the server. */
static void
reload_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  AgentApplication *self = user_data;
  AgentWindow *window = agent_application_ensure_window (self);
  const char *name = agent_window_get_page_name (window);

  if (name != NULL)
    agent_window_show_page (window, name);
}

static const GActionEntry app_actions[] = {
  { "show-page", show_page_action, "s" },
  { "dial", dial_action, "s" },
  { "open-customer", open_customer_action, "s" },
  { "play-recording", play_recording_action, "s" },
  { "check-in", check_in_action, "b" },
  { "logout", logout_action },
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "show-dialer", show_dialer_action },
  { "show-missed", show_missed_action },
  { "toggle-check-in", toggle_check_in_action },
  { "reload", reload_action },
};

/* Every accelerator of the application, in one place; agent-shortcuts-window.ui lists them
 * (and the few that belong to one widget: Ctrl+K in the dialer, Escape and Ctrl+Enter in the
 * pop-up, Space and the arrows in the player). */
static const struct
{
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit",                   { "<Control>q", NULL } },
  { "app.preferences",            { "<Control>comma", NULL } },
  { "app.shortcuts",              { "<Control>question", NULL } },
  { "app.show-dialer",            { "F3", NULL } },
  { "app.toggle-check-in",        { "F2", NULL } },
  { "app.reload",                 { "F5", "<Control>r", NULL } },
  { "win.search",                 { "<Control>f", NULL } },
  { "app.show-page('home')",      { "<Alt>1", NULL } },
  { "app.show-page('history')",   { "<Alt>2", NULL } },
  { "app.show-page('customers')", { "<Alt>3", NULL } },
  { "app.show-page('memos')",     { "<Alt>4", NULL } },
  { "app.show-page('tasks')",     { "<Alt>5", NULL } },
  { "app.show-page('sms')",       { "<Alt>6", NULL } },
  { "app.show-page('agents')",    { "<Alt>7", NULL } },
  { "app.show-page('board')",     { "<Alt>8", NULL } },
  { "app.show-page('blacklist')", { "<Alt>9", NULL } },
  { "app.show-page('campaigns')", { "<Alt>0", NULL } },
};

void
agent_application_install_actions (AgentApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);
}
