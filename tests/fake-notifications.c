/* fake-notifications.c — a notification server for test sessions
 *
 * A desktop has a notification daemon; a test's private D-Bus session does not, and GLib
 * warns (fatally, under G_DEBUG=fatal-warnings) when GNotification finds nobody to talk to.
 * This one answers org.freedesktop.Notifications and lets a test that wants to watch the
 * notifications take the name over (G_BUS_NAME_OWNER_FLAGS_REPLACE). It prints "ready" once
 * it owns the name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <gio/gio.h>

static const char introspection[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "  <method name='Notify'>"
  "    <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "    <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "    <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "    <arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='GetServerInformation'>"
  "    <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  </method>"
  "</interface></node>";

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  static guint32 serial;

  if (g_str_equal (method_name, "Notify"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++serial));
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "fake", "babaihu", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  static gboolean said;

  if (!said)
    {
      said = TRUE;
      printf ("ready\n");
      fflush (stdout);
    }
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  /* Replaced by a test that watches notifications itself, or the bus went away. */
  if (connection == NULL)
    g_main_loop_quit (user_data);
}

int
main (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  static const GDBusInterfaceVTable vtable = { on_method_call, NULL, NULL, { 0 } };

  if (bus == NULL)
    return 1;
  g_dbus_connection_set_exit_on_close (bus, TRUE);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, NULL);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT,
                                on_name_acquired, on_name_lost, loop, NULL);
  g_main_loop_run (loop);
  return 0;
}
