/* agent-preferences-window.c — the preferences
 *
 * Every row is bound to its GSettings key; the session follows the keys as they change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-preferences-window.h"

struct _AgentPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkSwitch     *check_in_switch;
  AdwComboRow   *transport_row;
  GtkSpinButton *poll_interval_spin;

  /* Owned */
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (AgentPreferencesWindow, agent_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *transport_nicks[] = { "auto", "long-poll", "polling" };

static gboolean
transport_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (transport_nicks); i++)
    if (g_str_equal (nick, transport_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
transport_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (transport_nicks[i < G_N_ELEMENTS (transport_nicks) ? i : 0]);
}

static void
agent_preferences_window_dispose (GObject *object)
{
  AgentPreferencesWindow *self = AGENT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, AgentPreferencesWindow, check_in_switch);
  gtk_widget_class_bind_template_child (widget_class, AgentPreferencesWindow, transport_row);
  gtk_widget_class_bind_template_child (widget_class, AgentPreferencesWindow, poll_interval_spin);
}

static void
agent_preferences_window_init (AgentPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  g_settings_bind (settings, "check-in-at-login", self->check_in_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "event-transport", self->transport_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                transport_get_mapping, transport_set_mapping, NULL, NULL);
  g_settings_bind (settings, "poll-interval-ms", self->poll_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  return GTK_WINDOW (self);
}
