/* agent-preferences-window.c — the preferences
 *
 * Every row is bound to its GSettings key with g_settings_bind; the parts of the application
 * that a key concerns follow it as it changes. Three rows do a little more:
 * - the screen-pop address is checked as it is typed (http or https, known placeholders) and
 *   saved only when it is valid; Test opens it filled with a sample call's values;
 * - Start at Login asks the background portal (org.freedesktop.portal.Background), and shows
 *   in its subtitle when there is no portal or it said no;
 * - the download folder is chosen with a native folder chooser.
 * A key another part of the application owns and that this build lacks hides its row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-preferences-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "agent-popup-manager.h"
#include "agent-preferences-window.h"
#include "agent-trace.h"

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND  "org.freedesktop.portal.Background"
#define PORTAL_REQUEST     "org.freedesktop.portal.Request"

/* A call made up for the Test button. */
#define SAMPLE_PHONE     "13800138000"
#define SAMPLE_CDR_ID    G_GINT64_CONSTANT (7687658987667780097)
#define SAMPLE_EXTENSION "800"

struct _AgentPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkSwitch     *check_in_switch;
  AdwActionRow  *check_out_quit_row;
  GtkSwitch     *check_out_quit_switch;
  AdwActionRow  *check_out_suspend_row;
  GtkSwitch     *check_out_suspend_switch;
  AdwActionRow  *background_row;
  GtkSwitch     *background_switch;
  AdwActionRow  *autostart_row;
  GtkSwitch     *autostart_switch;
  AdwActionRow  *folder_row;
  GtkWidget     *folder_reset_button;
  AdwComboRow   *popup_show_row;
  GtkSwitch     *popup_raise_switch;
  GtkSwitch     *popup_above_switch;
  GtkSwitch     *popup_close_switch;
  GtkSwitch     *notify_switch;
  GtkWidget     *sound_row;
  GtkSwitch     *sound_switch;
  AdwEntryRow   *url_row;
  GtkWidget     *url_test_button;
  GtkLabel      *url_error_label;
  AdwComboRow   *url_when_row;
  AdwComboRow   *dial_mode_row;
  AdwEntryRow   *callback_source_row;
  AdwEntryRow   *smarttel_mac_row;
  AdwActionRow  *smarttel_channel_row;
  GtkSpinButton *smarttel_channel_spin;
  AdwComboRow   *transport_row;
  GtkSpinButton *poll_interval_spin;
  GtkWidget     *board_group;
  GtkSpinButton *board_refresh_spin;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *folder_chooser;
  GDBusConnection      *bus;
  guint                 portal_response_id;

  guint                 portal_available : 1;
  guint                 updating_autostart : 1;
};

G_DEFINE_FINAL_TYPE (AgentPreferencesWindow, agent_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* ---- combo rows ↔ string keys ---- */

static const char *transport_nicks[] = { "auto", "long-poll", "polling", NULL };
static const char *when_nicks[] = { "ring", "answer", NULL };
static const char *dial_mode_nicks[] = { "callback", "smarttel", "message", NULL };

static gboolean
nick_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nick, nicks[i]))
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
nick_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[i]);
}

static void
bind_combo (AgentPreferencesWindow *self,
            const char             *key,
            AdwComboRow            *row,
            const char * const     *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_get_mapping, nick_set_mapping, (gpointer) nicks, NULL);
}

/* A row shown only for one dial mode: `visible` follows `dial-mode`. */
static gboolean
mode_visible_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), user_data) == 0);
  return TRUE;
}

static gboolean
has_key (AgentPreferencesWindow *self,
         const char             *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key);
}

/* Binds @key when the schema has it; otherwise hides @row (its owner is not built in). */
static void
bind_or_hide (AgentPreferencesWindow *self,
              const char             *key,
              gpointer                widget,
              const char             *property,
              GtkWidget              *row)
{
  if (!has_key (self, key))
    {
      gtk_widget_set_visible (row, FALSE);
      return;
    }
  g_settings_bind (self->settings, key, widget, property, G_SETTINGS_BIND_DEFAULT);
}

/* ---- the screen-pop address ---- */

static void
show_url_problem (AgentPreferencesWindow *self,
                  const char             *message)
{
  gboolean bad = message != NULL;

  gtk_label_set_label (self->url_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), bad);
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->url_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
update_url_actions (AgentPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *message = NULL;
  gboolean valid = agent_preferences_check_screen_pop_url (text, &message);

  show_url_problem (self, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.test-url",
                                 valid && *text != '\0');
}

static void
on_url_changed_cb (AgentPreferencesWindow *self)
{
  update_url_actions (self);
}

static void
on_url_apply_cb (AgentPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* An invalid address is never saved: the pop-up would open nothing, silently. */
  if (!agent_preferences_check_screen_pop_url (stripped, NULL))
    {
      gtk_widget_error_bell (GTK_WIDGET (self->url_row));
      return;
    }
  g_settings_set_string (self->settings, "screen-pop-url", stripped);
}

static void
on_url_setting_changed_cb (AgentPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "screen-pop-url");

  if (!g_str_equal (url, gtk_editable_get_text (GTK_EDITABLE (self->url_row))))
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  update_url_actions (self);
}

static void
toast (AgentPreferencesWindow *self,
       const char             *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
on_test_url_launched_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AgentPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The address could not be opened: %s"), error->message);
      toast (self, message);
    }
}

static void
test_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentPreferencesWindow *self = AGENT_PREFERENCES_WINDOW (widget);
  g_autofree char *uri = agent_preferences_sample_screen_pop_url (
    gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (uri == NULL)
    return;

  AGENT_TRACE ("screen-pop-test", "uri", g_variant_new_string (uri), NULL);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), self->cancellable,
                                           on_test_url_launched_cb, g_object_ref (self));
}

/* ---- the download folder ---- */

static void
update_folder_row (AgentPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "recordings-folder");
  g_autofree char *display = NULL;
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  if (*folder == '\0' && downloads != NULL && !g_str_equal (downloads, g_get_home_dir ()))
    {
      g_autofree char *path = g_filename_display_name (downloads);

      /* Translators: the download folder's subtitle when none was chosen; %s is its path. */
      display = g_strdup_printf (_("Downloads (%s)"), path);
    }
  else if (*folder == '\0')
    {
      g_autofree char *path = g_filename_display_name (g_get_home_dir ());

      /* Translators: the download folder's subtitle when none was chosen and the desktop names
       * no Downloads folder; %s is the home folder's path. */
      display = g_strdup_printf (_("Home folder (%s)"), path);
    }
  else
    display = g_filename_display_name (folder);

  adw_action_row_set_subtitle (self->folder_row, display);
  gtk_widget_set_visible (self->folder_reset_button, *folder != '\0');
}

static void
on_folder_chosen_cb (AgentPreferencesWindow *self,
                     int                     response,
                     GtkNativeDialog        *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "recordings-folder", path);
      else
        toast (self, _("This folder cannot be used: choose a folder on this computer."));
    }
  g_clear_object (&self->folder_chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AgentPreferencesWindow *self = AGENT_PREFERENCES_WINDOW (widget);
  g_autofree char *folder = g_settings_get_string (self->settings, "recordings-folder");

  if (self->folder_chooser != NULL)
    return;

  self->folder_chooser = gtk_file_chooser_native_new (_("Download Folder for Recordings"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                      _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
  if (*folder != '\0')
    {
      g_autoptr(GFile) current = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->folder_chooser), current, NULL);
    }
  g_signal_connect_object (self->folder_chooser, "response", G_CALLBACK (on_folder_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

static void
reset_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AgentPreferencesWindow *self = AGENT_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "recordings-folder");
}

/* ---- start at login: the background portal ---- */

static void
set_autostart_switch (AgentPreferencesWindow *self,
                      gboolean                active)
{
  self->updating_autostart = TRUE;
  gtk_switch_set_state (self->autostart_switch, active);
  gtk_switch_set_active (self->autostart_switch, active);
  self->updating_autostart = FALSE;
}

static void
portal_unavailable (AgentPreferencesWindow *self,
                    const char             *why)
{
  self->portal_available = FALSE;
  adw_action_row_set_subtitle (self->autostart_row, why);
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), FALSE);
  set_autostart_switch (self, g_settings_get_boolean (self->settings, "start-at-login"));
}

static void
clear_portal_request (AgentPreferencesWindow *self)
{
  if (self->portal_response_id != 0 && self->bus != NULL)
    g_dbus_connection_signal_unsubscribe (self->bus, self->portal_response_id);
  self->portal_response_id = 0;
}

static void
on_portal_response_cb (GDBusConnection *bus,
                       const char      *sender,
                       const char      *object_path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  AgentPreferencesWindow *self = user_data;
  g_autoptr(GVariant) results = NULL;
  gboolean requested = gtk_switch_get_active (self->autostart_switch);
  gboolean autostart = FALSE;
  guint32 response = 2;

  clear_portal_request (self);
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "autostart", "b", &autostart);

  /* 0 granted, 1 the person said no, 2 something else. The switch shows what holds now. */
  if (response == 0)
    g_settings_set_boolean (self->settings, "start-at-login", requested ? autostart : FALSE);
  else
    adw_action_row_set_subtitle (self->autostart_row,
                                 response == 1 ? _("Starting at login was not allowed")
                                               : _("The desktop could not arrange it"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), TRUE);
  set_autostart_switch (self, g_settings_get_boolean (self->settings, "start-at-login"));
  if (response == 0 && requested && !autostart)
    adw_action_row_set_subtitle (self->autostart_row, _("Starting at login was not allowed"));
  AGENT_TRACE ("autostart", "requested", g_variant_new_boolean (requested),
               "response", g_variant_new_uint32 (response),
               "autostart", g_variant_new_boolean (autostart), NULL);
}

static void
on_request_background_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(AgentPreferencesWindow) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    return;   /* the answer comes with the Response signal */

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_message ("The background portal did not take the request: %s", error->message);
  clear_portal_request (self);
  portal_unavailable (self, _("Not available: this desktop has no background portal"));
}

static void
request_background (AgentPreferencesWindow *self,
                    gboolean                autostart)
{
  g_autofree char *token = g_strdup_printf ("babaihu%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  const char *commandline[] = { "babaihu-agent", "--gapplication-service", NULL };
  GVariantBuilder options;

  clear_portal_request (self);

  /* The request's path is known before the call: subscribe first, so that no answer is lost. */
  sender = g_strdup (g_dbus_connection_get_unique_name (self->bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf (PORTAL_OBJECT_PATH "/request/%s/%s", sender, token);
  self->portal_response_id =
    g_dbus_connection_signal_subscribe (self->bus, PORTAL_BUS_NAME, PORTAL_REQUEST, "Response",
                                        handle, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_portal_response_cb, self, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("To show calls as soon as you log in")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (TRUE));

  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), FALSE);
  g_dbus_connection_call (self->bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_BACKGROUND,
                          "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, 30000,
                          self->cancellable, on_request_background_cb, g_object_ref (self));
}

static gboolean
on_autostart_state_set_cb (AgentPreferencesWindow *self,
                           gboolean                state)
{
  if (self->updating_autostart)
    return FALSE;
  if (!self->portal_available || self->bus == NULL)
    return TRUE;

  request_background (self, state);
  return TRUE;   /* the switch's state follows the portal's answer */
}

static void
on_portal_version_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentPreferencesWindow) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("No background portal: %s", error->message);
          portal_unavailable (self, _("Not available: this desktop has no background portal"));
        }
      return;
    }

  self->portal_available = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), TRUE);
}

static void
on_session_bus_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AgentPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        portal_unavailable (self, _("Not available: there is no session bus"));
      return;
    }
  self->bus = bus;

  /* Asking for the interface's version starts the portal if it can be started at all. */
  g_dbus_connection_call (self->bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", PORTAL_BACKGROUND, "version"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 10000,
                          self->cancellable, on_portal_version_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static void
agent_preferences_window_dispose (GObject *object)
{
  AgentPreferencesWindow *self = AGENT_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  clear_portal_request (self);
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (agent_preferences_window_parent_class)->dispose (object);
}

static void
agent_preferences_window_class_init (AgentPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AgentPreferencesWindow, name)
  BIND (check_in_switch);
  BIND (check_out_quit_row);
  BIND (check_out_quit_switch);
  BIND (check_out_suspend_row);
  BIND (check_out_suspend_switch);
  BIND (background_row);
  BIND (background_switch);
  BIND (autostart_row);
  BIND (autostart_switch);
  BIND (folder_row);
  BIND (folder_reset_button);
  BIND (popup_show_row);
  BIND (popup_raise_switch);
  BIND (popup_above_switch);
  BIND (popup_close_switch);
  BIND (notify_switch);
  BIND (sound_row);
  BIND (sound_switch);
  BIND (url_row);
  BIND (url_test_button);
  BIND (url_error_label);
  BIND (url_when_row);
  BIND (dial_mode_row);
  BIND (callback_source_row);
  BIND (smarttel_mac_row);
  BIND (smarttel_channel_row);
  BIND (smarttel_channel_spin);
  BIND (transport_row);
  BIND (poll_interval_spin);
  BIND (board_group);
  BIND (board_refresh_spin);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_autostart_state_set_cb);

  gtk_widget_class_install_action (widget_class, "preferences.test-url", NULL, test_url_action);
  gtk_widget_class_install_action (widget_class, "preferences.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "preferences.reset-folder", NULL,
                                   reset_folder_action);
}

static void
agent_preferences_window_init (AgentPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * agent_preferences_window_new:
 * @parent: (nullable): the main window
 * @settings: the application's settings
 *
 * Returns: (transfer floating): a preferences window bound to @settings
 */
GtkWindow *
agent_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  AgentPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (AGENT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);

  /* General */
  g_settings_bind (settings, "check-in-at-login", self->check_in_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  bind_or_hide (self, "check-out-on-quit", self->check_out_quit_switch, "active",
                GTK_WIDGET (self->check_out_quit_row));
  bind_or_hide (self, "check-out-on-suspend", self->check_out_suspend_switch, "active",
                GTK_WIDGET (self->check_out_suspend_row));
  bind_or_hide (self, "run-in-background", self->background_switch, "active",
                GTK_WIDGET (self->background_row));

  set_autostart_switch (self, g_settings_get_boolean (settings, "start-at-login"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), FALSE);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus_cb, g_object_ref (self));

  g_signal_connect_object (settings, "changed::recordings-folder",
                           G_CALLBACK (update_folder_row), self, G_CONNECT_SWAPPED);
  update_folder_row (self);

  /* Calls */
  bind_combo (self, "popup-show-on", self->popup_show_row, when_nicks);
  g_settings_bind (settings, "popup-raise", self->popup_raise_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "popup-keep-above", self->popup_above_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "popup-close-after-call", self->popup_close_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notify-calls", self->notify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notification-sound", self->sound_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (settings, "changed::screen-pop-url",
                           G_CALLBACK (on_url_setting_changed_cb), self, G_CONNECT_SWAPPED);
  on_url_setting_changed_cb (self);
  bind_combo (self, "screen-pop-when", self->url_when_row, when_nicks);

  bind_combo (self, "dial-mode", self->dial_mode_row, dial_mode_nicks);
  g_settings_bind (settings, "callback-source", self->callback_source_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "smarttel-mac", self->smarttel_mac_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "smarttel-channel", self->smarttel_channel_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "dial-mode", self->callback_source_row, "visible",
                                G_SETTINGS_BIND_GET, mode_visible_mapping, NULL,
                                (gpointer) "callback", NULL);
  g_settings_bind_with_mapping (settings, "dial-mode", self->smarttel_mac_row, "visible",
                                G_SETTINGS_BIND_GET, mode_visible_mapping, NULL,
                                (gpointer) "smarttel", NULL);
  g_settings_bind_with_mapping (settings, "dial-mode", self->smarttel_channel_row, "visible",
                                G_SETTINGS_BIND_GET, mode_visible_mapping, NULL,
                                (gpointer) "smarttel", NULL);

  /* Connection */
  bind_combo (self, "event-transport", self->transport_row, transport_nicks);
  g_settings_bind (settings, "poll-interval-ms", self->poll_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  bind_or_hide (self, "board-refresh-seconds", self->board_refresh_spin, "value",
                self->board_group);

  return GTK_WINDOW (self);
}

/**
 * agent_preferences_check_screen_pop_url:
 * @template_: a screen-pop address as typed, placeholders and all
 * @message: (out) (optional) (transfer full): what is wrong, in words, or %NULL when nothing
 *
 * An empty address is valid (it turns the screen pop off). Otherwise it must be an http or
 * https address with a host once its placeholders are filled, and every `{…}` in it must be
 * one of `{phone}`, `{cdrId}`, `{extension}` and `{direction}`.
 *
 * Returns: whether @template_ may be saved
 */
gboolean
agent_preferences_check_screen_pop_url (const char  *template_,
                                        char       **message)
{
  static const char *known[] = { "phone", "cdrId", "extension", "direction" };
  g_autofree char *uri = NULL;
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  g_return_val_if_fail (template_ != NULL, FALSE);

  if (message != NULL)
    *message = NULL;

  if (*template_ == '\0')
    return TRUE;

  for (const char *open = strchr (template_, '{'); open != NULL; open = strchr (open + 1, '{'))
    {
      const char *close = strchr (open, '}');
      g_autofree char *name = NULL;
      gboolean found = FALSE;

      if (close == NULL)
        {
          if (message != NULL)
            *message = g_strdup (_("A “{” is not closed: placeholders are written like {phone}."));
          return FALSE;
        }
      name = g_strndup (open + 1, close - open - 1);
      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        found |= g_str_equal (name, known[i]);
      if (!found)
        {
          if (message != NULL)
            /* Translators: %s is what was typed between braces; keep the placeholders as they are. */
            *message = g_strdup_printf (_("“{%s}” is not a placeholder. Use {phone}, {cdrId}, {extension} or {direction}."),
                                        name);
          return FALSE;
        }
    }

  uri = agent_preferences_sample_screen_pop_url (template_);
  parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  if (parsed == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      if (message != NULL)
        *message = g_strdup (_("The address must start with http:// or https://, such as https://crm.example.com/lookup?tel={phone}."));
      return FALSE;
    }
  if (g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      if (message != NULL)
        *message = g_strdup (_("The address has no server name after http:// or https://."));
      return FALSE;
    }

  return TRUE;
}

/**
 * agent_preferences_sample_screen_pop_url:
 * @template_: a screen-pop address
 *
 * Fills @template_ the way an incoming call from 13800138000 to extension 800 would.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when it is not one
 */
char *
agent_preferences_sample_screen_pop_url (const char *template_)
{
  g_return_val_if_fail (template_ != NULL, NULL);

  return agent_popup_manager_expand_url (template_, SAMPLE_PHONE, SAMPLE_CDR_ID,
                                         SAMPLE_EXTENSION, FALSE);
}
