/* test-gnome.c — a proper GNOME citizen: preferences, keyboard, accessibility
 *
 * - The preferences window writes what its rows say to GSettings and follows the settings
 *   back; the screen-pop address is checked before it is saved; Start at Login says so when
 *   there is no background portal (there is none in the test session).
 * - Every accelerator the application sets, and every shortcut of the pop-up and the dialer,
 *   is listed in the shortcuts window; F2, F5, Ctrl+F and the desktop actions do what they say.
 * - No icon-only button of the main window (every page, administrator pages included), the
 *   call pop-up or the preferences lacks an accessible label or a tooltip; the pop-up announces
 *   the caller; Escape closes it.
 * - In Chinese, no English word is on screen: the login page, every page, a customer and its
 *   editor, the pop-up, the preferences and the shortcuts (what the server says aside).
 *
 * The real application runs under Xvfb against a real babaihu-sandbox (build-aux/run-tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "agent-application.h"
#include "agent-call-popup.h"
#include "agent-customer-editor.h"
#include "agent-customer-view.h"
#include "agent-customers-page.h"
#include "agent-page.h"
#include "agent-popup-manager.h"
#include "agent-preferences-window.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define DEMO_ACCOUNT   "100008800"
#define DEMO_PASSWORD  "02367073578"
#define ADMIN_ACCOUNT  "100008899"
#define ADMIN_PASSWORD "800ing-admin"
#define WAIT_MS        15000

static const char *preference_keys[] = {
  "check-in-at-login", "check-out-on-quit", "check-out-on-suspend", "run-in-background",
  "start-at-login", "recordings-folder", "popup-show-on", "popup-raise", "popup-keep-above",
  "popup-close-after-call", "notify-calls", "notification-sound", "screen-pop-url",
  "screen-pop-when", "dial-mode", "callback-source", "smarttel-mac", "smarttel-channel",
  "event-transport", "poll-interval-ms", "server", "account",
};

static const char *preference_pages[] = { "general", "calls", "connection" };

/* Every page an administrator sees. */
static const char *admin_pages[] = {
  "home", "history", "customers", "memos", "tasks", "sms",
  "agents", "board", "blacklist", "campaigns", "voice",
};

typedef struct
{
  TestSandbox *sandbox;
  const char  *server;
  goffset      trace_offset;
} Fixture;

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (preference_keys); i++)
    g_settings_reset (settings, preference_keys[i]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  reset_settings ();
  f->sandbox = test_sandbox_new ();
  f->server = test_sandbox_get_url (f->sandbox);
  f->trace_offset = test_trace_offset ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->sandbox, test_sandbox_free);
  reset_settings ();
}

static void
log_in (AgentApplication *app,
        Fixture          *f,
        const char       *account,
        const char       *password)
{
  AgentLoginPage *page = agent_window_get_login_page (agent_application_get_window (app));
  AgentSession *session = agent_application_get_session (app);

  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), WAIT_MS);
  agent_login_page_set_server (page, f->server);
  agent_login_page_set_account (page, account);
  agent_login_page_set_password (page, password);
  agent_login_page_set_remember (page, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "login.submit", NULL));
  TEST_WAIT_UNTIL (agent_session_get_logged_in (session) ||
                   agent_login_page_get_error (page) != NULL, WAIT_MS);
  g_assert_cmpstr (agent_login_page_get_error (page), ==, NULL);
}

static void
wait_trace (Fixture    *f,
            const char *event,
            const char *field,
            const char *value)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  for (;;)
    {
      g_autoptr(GPtrArray) lines = test_trace_read (f->trace_offset);

      if (test_trace_find (lines, event, field, value) != NULL)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("No trace event %s %s=%s", event, field ? field : "", value ? value : "");
      test_iterate ();
    }
}

static void
show_page (AgentApplication *app,
           Fixture          *f,
           const char       *name)
{
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string (name));
  wait_trace (f, "page-shown", "page", name);
}

/* A window of @type on screen, whether or not it belongs to the application (an editor is
 * only transient for the main window). */
static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Accessibility ------------------------------------------------------------------------------ */

static gboolean
has_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && *text != '\0';
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
is_labelled (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && *tooltip != '\0')
    return TRUE;
  /* (Not the labelled-by relation: a button always has it, pointing at its child, be it an
   * image. A child with text is looked for below.) */
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

      return (label != NULL && *label != '\0') ||
             (gtk_menu_button_get_child (GTK_MENU_BUTTON (widget)) != NULL &&
              has_text (gtk_menu_button_get_child (GTK_MENU_BUTTON (widget))));
    }
  return has_text (widget);
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) : NULL;
      g_autofree char *part = id != NULL ? g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id)
                                         : g_strdup (G_OBJECT_TYPE_NAME (w));

      g_string_prepend (path, part);
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (path, " (icon %s)", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  return g_string_free (path, FALSE);
}

/* Library widgets whose inner buttons are theirs to label (the spin button's −/+, the drop
 * down's, the window controls'): the widget itself is checked, not what it is made of. */
static gboolean
is_library_composite (GtkWidget *widget)
{
  return GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_SCALE_BUTTON (widget) ||
         GTK_IS_MENU_BUTTON (widget) || ADW_IS_SPLIT_BUTTON (widget) ||
         GTK_IS_SHORTCUTS_WINDOW (widget);
}

/* Only what is on screen: a page of a stack not shown, or a button its page hides until it
 * has something to say (and a label to say it with), is not what a person meets. */
static void
check_buttons (GtkWidget *widget,
               GPtrArray *problems,
               guint     *checked)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || ADW_IS_SPLIT_BUTTON (widget))
    {
      (*checked)++;
      if (!is_labelled (widget))
        g_ptr_array_add (problems, describe (widget));
    }

  if (is_library_composite (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_buttons (child, problems, checked);
}

static void
assert_all_labelled (GtkWidget *root)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  check_buttons (root, problems, &checked);
  g_test_message ("%s: %u buttons checked", G_OBJECT_TYPE_NAME (root), checked);
  g_assert_cmpuint (checked, >, 0);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("icon-only button without an accessible label or tooltip: %s",
                    (const char *) problems->pdata[i]);
  if (problems->len > 0)
    g_error ("%u icon-only buttons of %s have neither an accessible label nor a tooltip: first %s",
             problems->len, G_OBJECT_TYPE_NAME (root), (const char *) problems->pdata[0]);
}

/* The unit under test itself: a bare icon button fails, the same with a tooltip or a label
 * passes. A checker that never fails would prove nothing. */
static void
test_checker (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *hidden = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *bare = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *tooltip = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *labelled = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *text = gtk_button_new_with_label ("Delete");
  GtkWidget *menu = gtk_menu_button_new ();
  guint checked = 0;

  gtk_widget_set_tooltip_text (tooltip, "Delete");
  gtk_accessible_update_property (GTK_ACCESSIBLE (labelled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Delete", -1);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "open-menu-symbolic");
  gtk_box_append (GTK_BOX (box), bare);
  gtk_box_append (GTK_BOX (box), tooltip);
  gtk_box_append (GTK_BOX (box), labelled);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), menu);
  gtk_box_append (GTK_BOX (box), hidden);
  gtk_widget_set_visible (hidden, FALSE);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (box), WAIT_MS);

  check_buttons (window, problems, &checked);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (checked, ==, 5);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (g_str_has_suffix (problems->pdata[0], "GtkButton (icon edit-delete-symbolic)"));
  g_assert_true (g_str_has_suffix (problems->pdata[1], "GtkMenuButton"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Shortcuts ---------------------------------------------------------------------------------- */

static char *
normalize_accel (const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accel, &key, &mods))
    return g_strdup (accel);
  return gtk_accelerator_name (key, mods);
}

/* The accelerators the window shows: written in it, or filled in from the application for
 * the actions it names (which it does only as a window's help overlay). */
static void
collect_listed (GtkWidget  *widget,
                GHashTable *listed,
                GPtrArray  *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action_name = NULL;

      g_object_get (widget, "accelerator", &accelerator, "action-name", &action_name, NULL);
      if (action_name != NULL && (accelerator == NULL || *accelerator == '\0'))
        g_ptr_array_add (actions, g_steal_pointer (&action_name));
      if (accelerator != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (accelerator, " ", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            if (*parts[i] != '\0')
              g_hash_table_add (listed, normalize_accel (parts[i]));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, listed, actions);
}

/* What the shortcuts window shows: accelerators written in it, and those of its actions. */
static GHashTable *
listed_shortcuts (AgentApplication *app)
{
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  TEST_WAIT_UNTIL ((window = find_window (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL, WAIT_MS);
  collect_listed (GTK_WIDGET (window), listed, actions);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);

  /* An action listed with no accelerator on screen is an empty line. */
  for (guint i = 0; i < actions->len; i++)
    g_error ("%s is listed in the shortcuts window, but without its accelerator",
             (const char *) actions->pdata[i]);
  return listed;
}

static void
assert_listed (GHashTable *listed,
               const char *accel,
               const char *what)
{
  g_autofree char *name = normalize_accel (accel);

  if (!g_hash_table_contains (listed, name))
    g_error ("%s (%s) is not in the shortcuts window", accel, what);
}

/* The key shortcuts a widget installs for its own actions (@prefix) or for closing. */
static void
assert_widget_shortcuts_listed (GtkWidget  *widget,
                                const char *prefix,
                                GHashTable *listed)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          const char *name;
          g_autofree char *accel = NULL;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          if (!g_str_has_prefix (name, prefix) && !g_str_equal (name, "window.close"))
            continue;
          if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
            trigger = gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger));
          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          accel = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          assert_listed (listed, accel, name);
          found++;
        }
    }
  g_assert_cmpuint (found, >, 0);
}

/* Activates what @widget's Escape is bound to, as a key press would. */
static gboolean
press_escape (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Preferences (the window alone) ------------------------------------------------------------ */

static void
test_screen_pop_url (void)
{
  static const struct { const char *url; gboolean ok; const char *says; } cases[] = {
    { "", TRUE, NULL },
    { "https://crm.example.com/lookup?tel={phone}", TRUE, NULL },
    { "http://10.0.0.5:8080/pop?p={phone}&id={cdrId}&ext={extension}&dir={direction}", TRUE, NULL },
    { "HTTPS://crm.example.com/{phone}", TRUE, NULL },
    { "ftp://crm.example.com/{phone}", FALSE, "http" },
    { "crm.example.com/lookup?tel={phone}", FALSE, "http" },
    { "javascript:alert(1)", FALSE, "http" },
    { "https:///lookup?tel={phone}", FALSE, "server" },
    { "https://crm.example.com/lookup?tel={tel}", FALSE, "{tel}" },
    { "https://crm.example.com/lookup?tel={phone", FALSE, "{" },
    { "https://crm.example.com/lookup?tel={Phone}", FALSE, "{Phone}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      gboolean ok = agent_preferences_check_screen_pop_url (cases[i].url, &message);

      g_test_message ("%s → %s", cases[i].url, message ? message : "ok");
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_null (message);
      else
        g_assert_nonnull (strstr (message, cases[i].says));
    }

  /* The Test button's address: a sample call, each value URL-encoded. */
  {
    g_autofree char *uri = agent_preferences_sample_screen_pop_url (
      "https://crm.example.com/p?tel={phone}&id={cdrId}&ext={extension}&dir={direction}");

    g_assert_cmpstr (uri, ==, "https://crm.example.com/p?tel=13800138000&id=7687658987667780097"
                              "&ext=800&dir=in");
  }
}

static gboolean
switch_of_key (GSettings  *settings,
               GtkSwitch  *toggle,
               const char *key)
{
  /* The row writes the key … */
  gtk_switch_set_active (toggle, !g_settings_get_boolean (settings, key));
  if (gtk_switch_get_active (toggle) != g_settings_get_boolean (settings, key))
    return FALSE;
  /* … and follows it. */
  g_settings_set_boolean (settings, key, !gtk_switch_get_active (toggle));
  return gtk_switch_get_active (toggle) == g_settings_get_boolean (settings, key);
}

/* A string setting's value (g_settings_get_string() hands over a copy). */
static void
assert_setting_string (GSettings  *settings,
                       const char *key,
                       const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWindow *window;
  AdwComboRow *combo;
  AdwEntryRow *url_row;
  GtkWidget *test_button, *error_label;
  AdwActionRow *row;
  static const struct { const char *id; const char *key; } switches[] = {
    { "check_in_switch", "check-in-at-login" },
    { "check_out_quit_switch", "check-out-on-quit" },
    { "check_out_suspend_switch", "check-out-on-suspend" },
    { "background_switch", "run-in-background" },
    { "popup_raise_switch", "popup-raise" },
    { "popup_above_switch", "popup-keep-above" },
    { "popup_close_switch", "popup-close-after-call" },
    { "notify_switch", "notify-calls" },
    { "sound_switch", "notification-sound" },
  };

  reset_settings ();
  window = agent_preferences_window_new (NULL, settings);
  gtk_window_present (window);
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), WAIT_MS);

#define CHILD(id) test_template_child (window, AGENT_TYPE_PREFERENCES_WINDOW, id)
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    if (!switch_of_key (settings, CHILD (switches[i].id), switches[i].key))
      g_error ("%s does not follow %s", switches[i].id, switches[i].key);

  /* Sound is only offered with notifications. */
  g_settings_set_boolean (settings, "notify-calls", FALSE);
  g_assert_false (gtk_widget_get_sensitive (CHILD ("sound_row")));
  g_settings_set_boolean (settings, "notify-calls", TRUE);
  g_assert_true (gtk_widget_get_sensitive (CHILD ("sound_row")));

  /* Combo rows write the key's nick and follow it. */
  combo = CHILD ("popup_show_row");
  adw_combo_row_set_selected (combo, 1);
  assert_setting_string (settings, "popup-show-on", "answer");
  combo = CHILD ("transport_row");
  g_settings_set_string (settings, "event-transport", "polling");
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 2);

  /* The dial mode shows the rows that mode needs, and only those. */
  combo = CHILD ("dial_mode_row");
  g_assert_true (gtk_widget_get_visible (CHILD ("callback_source_row")));
  g_assert_false (gtk_widget_get_visible (CHILD ("smarttel_mac_row")));
  adw_combo_row_set_selected (combo, 1);
  assert_setting_string (settings, "dial-mode", "smarttel");
  g_assert_false (gtk_widget_get_visible (CHILD ("callback_source_row")));
  g_assert_true (gtk_widget_get_visible (CHILD ("smarttel_mac_row")));
  g_assert_true (gtk_widget_get_visible (CHILD ("smarttel_channel_row")));
  gtk_editable_set_text (GTK_EDITABLE (CHILD ("smarttel_mac_row")), "00:1A:2B:3C:4D:5E");
  assert_setting_string (settings, "smarttel-mac", "00:1A:2B:3C:4D:5E");
  gtk_spin_button_set_value (CHILD ("smarttel_channel_spin"), 3);
  g_assert_cmpuint (g_settings_get_uint (settings, "smarttel-channel"), ==, 3);

  /* A bad screen-pop address is shown as wrong, cannot be tested and is not saved. */
  url_row = CHILD ("url_row");
  test_button = CHILD ("url_test_button");
  error_label = CHILD ("url_error_label");
  g_assert_false (gtk_widget_get_sensitive (test_button));   /* empty: nothing to test */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "ftp://crm.example.com/{phone}");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"));
  g_assert_false (gtk_widget_get_sensitive (test_button));
  g_signal_emit_by_name (url_row, "apply");
  assert_setting_string (settings, "screen-pop-url", "");

  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://crm.example.com/lookup?tel={phone}");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"));
  g_assert_true (gtk_widget_get_sensitive (test_button));
  g_signal_emit_by_name (url_row, "apply");
  assert_setting_string (settings, "screen-pop-url", "https://crm.example.com/lookup?tel={phone}");
  g_settings_set_string (settings, "screen-pop-url", "https://other.example.com/?n={phone}");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==,
                   "https://other.example.com/?n={phone}");

  /* The download folder: Downloads (or home) by default, the chosen folder once set. */
  row = CHILD ("folder_row");
  {
    const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row),
                              downloads != NULL ? downloads : g_get_home_dir ()));
  }
  g_assert_false (gtk_widget_get_visible (CHILD ("folder_reset_button")));
  g_settings_set_string (settings, "recordings-folder", "/srv/recordings");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "/srv/recordings");
  g_assert_true (gtk_widget_get_visible (CHILD ("folder_reset_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "preferences.reset-folder", NULL));
  assert_setting_string (settings, "recordings-folder", "");

  /* Start at Login waits for the background portal: without one (the test bus has none) the
   * row says so and cannot be switched; with one, it can. */
  row = CHILD ("autostart_row");
  TEST_WAIT_UNTIL (strstr (adw_action_row_get_subtitle (row), "Not available") != NULL ||
                   gtk_widget_get_sensitive (CHILD ("autostart_switch")), WAIT_MS);
  if (strstr (adw_action_row_get_subtitle (row), "Not available") != NULL)
    g_assert_false (gtk_widget_get_sensitive (CHILD ("autostart_switch")));
  else
    g_test_message ("a background portal answers on this bus");
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));

  /* The live board's row shows when the schema has its key. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  g_assert_cmpint (gtk_widget_get_visible (CHILD ("board_group")), ==,
                   g_settings_schema_has_key (schema, "board-refresh-seconds"));
#undef CHILD

  /* Each page of the preferences, as it is shown. */
  for (guint i = 0; i < G_N_ELEMENTS (preference_pages); i++)
    {
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window),
                                                    preference_pages[i]);
      TEST_WAIT_UNTIL (gtk_widget_get_mapped (
        GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (window)))),
        WAIT_MS);
      assert_all_labelled (GTK_WIDGET (window));
    }

  gtk_window_destroy (window);
  reset_settings ();
}

/* The application ------------------------------------------------------------------------------ */

static void
keyboard_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  AgentSession *session = agent_application_get_session (app);
  AgentWindow *window = agent_application_get_window (app);
  g_autoptr(GHashTable) listed = NULL;
  g_auto(GStrv) descriptions = NULL;
  GtkWidget *page, *focus, *dialer;

  /* Every accelerator the application sets is in the shortcuts window. */
  listed = listed_shortcuts (app);
  descriptions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  g_assert_cmpuint (g_strv_length (descriptions), >=, 15);
  for (guint i = 0; descriptions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    descriptions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        assert_listed (listed, accels[j], descriptions[i]);
    }

  log_in (app, f, DEMO_ACCOUNT, DEMO_PASSWORD);
  TEST_WAIT_UNTIL (agent_session_get_checked_in (session), WAIT_MS);

  /* The dialer's Ctrl+K is listed too. */
  dialer = agent_window_get_dialer (window);
  g_assert_nonnull (dialer);
  assert_widget_shortcuts_listed (dialer, "dialer.", listed);

  /* F2 checks out and in again. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "toggle-check-in", NULL);
  TEST_WAIT_UNTIL (!agent_session_get_checked_in (session), WAIT_MS);
  g_action_group_activate_action (G_ACTION_GROUP (app), "toggle-check-in", NULL);
  TEST_WAIT_UNTIL (agent_session_get_checked_in (session), WAIT_MS);

  /* Ctrl+F puts the cursor in the page's search field. */
  show_page (app, f, "customers");
  page = agent_window_get_page (window, "customers");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "search"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, page));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  g_assert_true (agent_page_focus_search (page));

  /* F5 loads the page again. */
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "reload", NULL);
  wait_trace (f, "page-shown", "page", "customers");

  /* The desktop file's actions: the missed calls (today's page) and the dialer. */
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-missed", NULL);
  wait_trace (f, "page-shown", "page", "home");
  g_assert_cmpstr (agent_window_get_page_name (window), ==, "home");

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-dialer", NULL);
  TEST_WAIT_UNTIL ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
                   gtk_widget_is_ancestor (focus, dialer), WAIT_MS);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  test_app_run (NULL, keyboard_body, f);
}

static void
accessibility_body (AgentApplication *app,
                    gpointer          user_data)
{
  Fixture *f = user_data;
  const char *phone = "13912345678";
  AgentWindow *window = agent_application_get_window (app);
  AgentPopupManager *manager = agent_popup_manager_get_for_application (GTK_APPLICATION (app));
  g_autoptr(GHashTable) listed = listed_shortcuts (app);
  AgentCallPopup *popup;
  GtkWidget *number_label, *call_box;
  GtkWindow *preferences;

  /* The login page first, then every page an administrator sees. */
  assert_all_labelled (GTK_WIDGET (window));
  log_in (app, f, ADMIN_ACCOUNT, ADMIN_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (admin_pages); i++)
    {
      show_page (app, f, admin_pages[i]);
      assert_all_labelled (GTK_WIDGET (window));
    }

  /* A call: the pop-up. */
  f->trace_offset = test_trace_offset ();
  test_sandbox_call (f->sandbox, "899", phone, "in", 20000, 0, FALSE);
  wait_trace (f, "popup-shown", "phone", phone);
  popup = agent_popup_manager_find_popup (manager, phone);
  g_assert_nonnull (popup);
  assert_all_labelled (GTK_WIDGET (popup));
  assert_widget_shortcuts_listed (GTK_WIDGET (popup), "popup.", listed);

  /* It announces the caller: the call's box is an alert whose label says who calls. */
  number_label = test_template_child (popup, AGENT_TYPE_CALL_POPUP, "number_label");
  call_box = gtk_widget_get_parent (number_label);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (call_box)), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (call_box),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* Escape closes it. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popup)));
  g_assert_true (press_escape (GTK_WIDGET (popup)));
  TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popup)), WAIT_MS);

  /* The preferences, from the application. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  TEST_WAIT_UNTIL ((preferences = find_window (AGENT_TYPE_PREFERENCES_WINDOW)) != NULL,
                   WAIT_MS);
  assert_all_labelled (GTK_WIDGET (preferences));
  gtk_window_destroy (preferences);
}

static void
test_accessibility (Fixture       *f,
                    gconstpointer  data)
{
  test_app_run (NULL, accessibility_body, f);
}

static guint
count_check_outs (TestSandbox *sandbox)
{
  g_autoptr(JsonNode) root = test_sandbox_dup_requests (sandbox);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (root), "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (request, "params");

      /* setUserCheckInOut: status 0 checks in, 1 checks out. */
      if (g_strcmp0 (json_object_get_string_member (request, "method"), "setUserCheckInOut") == 0 &&
          params != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (params, "status", ""), "1") == 0)
        n++;
    }
  return n;
}

static void
checked_in_body (AgentApplication *app,
                 gpointer          user_data)
{
  Fixture *f = user_data;

  log_in (app, f, DEMO_ACCOUNT, DEMO_PASSWORD);
  TEST_WAIT_UNTIL (agent_session_get_checked_in (agent_application_get_session (app)), WAIT_MS);
}

/* Quitting checks the agent out, unless "Check Out on Quit" is off. */
static void
test_check_out_on_quit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  test_app_run (NULL, checked_in_body, f);
  g_assert_cmpuint (count_check_outs (f->sandbox), ==, 1);

  g_settings_set_boolean (settings, "check-out-on-quit", FALSE);
  test_app_run (NULL, checked_in_body, f);
  g_assert_cmpuint (count_check_outs (f->sandbox), ==, 1);
}

/* Chinese everywhere ------------------------------------------------------------------------ */

/* Words on screen that are not ours to translate: product and protocol names, the keys'
 * names, and what the demo sandbox says as a server (its trunks on the live board, the
 * hang-up reasons of the calls it simulates). */
static const char *foreign_words[] = {
  "SmartTel", "IVR", "SIP", "trunk", "cq", "VIP", "QQ", "CSV", "MAC", "URL", "CRM", "MD5",
  "X11", "Wayland", "Ctrl", "Alt", "Shift", "Esc", "Enter",
  "Normal", "Clearing", "No", "Answer",
};

/* English in @text: a word of two letters or more that is not a foreign word or a function
 * key, outside {placeholders}, addresses and file paths. */
static gboolean
has_english (const char *text)
{
  g_autoptr(GRegex) noise = g_regex_new ("\\{[^}]*\\}|[a-z]+://\\S+|/[^\\s）)]+", 0, 0, NULL);
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z][A-Za-z0-9]+", 0, 0, NULL);
  g_autofree char *clean = g_regex_replace_literal (noise, text, -1, 0, "", 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (word, clean, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *w = g_match_info_fetch (match, 0);

      if (!g_strv_contains (foreign_words, w) && !g_regex_match_simple ("^F[0-9]+$", w, 0, 0))
        return TRUE;
    }
  return FALSE;
}

/* Every label on screen under @widget (a page of a stack not shown is not on screen). */
static void
collect_english (GtkWidget  *widget,
                 GPtrArray  *problems,
                 guint      *checked)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      (*checked)++;
      if (text != NULL && has_english (text))
        {
          g_autofree char *where = describe (widget);

          g_ptr_array_add (problems, g_strdup_printf ("“%s” in %s", text, where));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_english (child, problems, checked);
}

static void
check_chinese (GtkWidget *root,
               const char *what,
               GPtrArray *problems)
{
  guint checked = 0, before = problems->len;

  collect_english (root, problems, &checked);
  g_test_message ("%s: %u labels, %u in English", what, checked, problems->len - before);
  g_assert_cmpuint (checked, >, 0);
}

static void
chinese_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  const char *phone = "13912345678";
  AgentWindow *window = agent_application_get_window (app);
  AgentPopupManager *manager = agent_popup_manager_get_for_application (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  AgentCallPopup *popup;
  GtkWindow *preferences, *shortcuts, *editor;
  GtkWidget *page, *view;

  /* The unit under test: it must see English when there is some. */
  g_assert_true (has_english ("Checked In"));
  g_assert_false (has_english ("已签入 (S) SmartTel 话机盒 {phone} https://crm.example.com/a?b"));
  g_assert_false (has_english ("主文件夹（/tmp/home）F2 Ctrl+Enter"));

  check_chinese (GTK_WIDGET (window), "login page", problems);
  log_in (app, f, ADMIN_ACCOUNT, ADMIN_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (admin_pages); i++)
    {
      show_page (app, f, admin_pages[i]);
      check_chinese (GTK_WIDGET (window), admin_pages[i], problems);
    }

  /* The first customer's record, once it is in, and its editor. */
  page = agent_window_get_page (window, "customers");
  view = test_template_child (page, AGENT_TYPE_CUSTOMERS_PAGE, "view");
  TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (test_template_child (
                     page, AGENT_TYPE_CUSTOMERS_PAGE, "selection"))) > 0, WAIT_MS);
  gtk_single_selection_set_selected (test_template_child (page, AGENT_TYPE_CUSTOMERS_PAGE,
                                                          "selection"), 0);
  TEST_WAIT_UNTIL (agent_customer_view_get_customer (AGENT_CUSTOMER_VIEW (view)) != NULL &&
                   agent_customer_view_get_history_loaded (AGENT_CUSTOMER_VIEW (view)), WAIT_MS);
  test_iterate ();
  check_chinese (GTK_WIDGET (window), "customer", problems);

  g_assert_true (gtk_widget_activate_action (view, "view.edit", NULL));
  TEST_WAIT_UNTIL ((editor = find_window (AGENT_TYPE_CUSTOMER_EDITOR)) != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (editor)), WAIT_MS);
  check_chinese (GTK_WIDGET (editor), "customer editor", problems);
  gtk_window_destroy (editor);

  /* A call: the pop-up, once its sections have their answers. */
  f->trace_offset = test_trace_offset ();
  test_sandbox_call (f->sandbox, "899", phone, "in", 20000, 0, FALSE);
  wait_trace (f, "popup-shown", "phone", phone);
  popup = agent_popup_manager_find_popup (manager, phone);
  g_assert_nonnull (popup);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_call_popup_get_section_state (popup, "customer"), "loading") != 0 &&
                   g_strcmp0 (agent_call_popup_get_section_state (popup, "memos"), "loading") != 0 &&
                   g_strcmp0 (agent_call_popup_get_section_state (popup, "calls"), "loading") != 0,
                   WAIT_MS);
  check_chinese (GTK_WIDGET (popup), "pop-up", problems);
  agent_call_popup_close (popup);

  /* The preferences, each of their pages, and the shortcuts. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  TEST_WAIT_UNTIL ((preferences = find_window (AGENT_TYPE_PREFERENCES_WINDOW)) != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (preferences)), WAIT_MS);
  for (guint i = 0; i < G_N_ELEMENTS (preference_pages); i++)
    {
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                    preference_pages[i]);
      test_iterate ();
      check_chinese (GTK_WIDGET (preferences), preference_pages[i], problems);
    }
  gtk_window_destroy (preferences);

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  TEST_WAIT_UNTIL ((shortcuts = find_window (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL &&
                   gtk_widget_get_mapped (GTK_WIDGET (shortcuts)), WAIT_MS);
  check_chinese (GTK_WIDGET (shortcuts), "shortcuts", problems);
  gtk_window_destroy (shortcuts);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("English on screen: %s", (const char *) problems->pdata[i]);
  if (problems->len > 0)
    g_error ("%u labels show English in Chinese; first %s", problems->len,
             (const char *) problems->pdata[0]);
}

/* LANG=zh_CN.UTF-8 with the build tree's translation, as a Chinese-speaking agent runs it. */
static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  const char *localedir = g_getenv ("BABAIHU_LOCALEDIR");
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("needs BABAIHU_LOCALEDIR and the zh_CN.UTF-8 locale");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  test_app_run (NULL, chinese_body, f);

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, saved);
}

int
main (int   argc,
      char *argv[])
{
  /* The test accessibility backend keeps the properties set on each widget, so that the
   * checks below can read them back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/agent/gnome/label-checker", test_checker);
  g_test_add_func ("/agent/gnome/screen-pop-url", test_screen_pop_url);
  g_test_add_func ("/agent/gnome/preferences", test_preferences);
  g_test_add ("/agent/gnome/keyboard", Fixture, NULL, fixture_setup, test_keyboard,
              fixture_teardown);
  g_test_add ("/agent/gnome/accessibility", Fixture, NULL, fixture_setup, test_accessibility,
              fixture_teardown);
  g_test_add ("/agent/gnome/check-out-on-quit", Fixture, NULL, fixture_setup,
              test_check_out_on_quit, fixture_teardown);
  /* Last: it changes the process's locale (and puts it back). */
  g_test_add ("/agent/gnome/chinese", Fixture, NULL, fixture_setup, test_chinese,
              fixture_teardown);

  return g_test_run ();
}
