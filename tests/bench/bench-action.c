/* bench-action.c — activate an application action over D-Bus and say when it was sent
 *
 *   bench-action APP_ID ACTION [GVARIANT]
 *
 * Like `gapplication action`, but it connects to the session bus first and prints
 *
 *     sent <unix ms, fractional>
 *
 * just before the call leaves, so that a benchmark times the application and not the start of
 * a helper process. It waits for the reply (at most 10 s) and exits 0 when the call succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <gio/gio.h>

static char *
object_path_for (const char *app_id)
{
  g_autofree char *path = g_strconcat ("/", app_id, NULL);

  g_strdelimit (path, ".", '/');
  g_strdelimit (path, "-", '_');
  return g_steal_pointer (&path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder parameter;
  GVariant *value = NULL;

  if (argc < 3 || argc > 4)
    {
      g_printerr ("usage: bench-action APP_ID ACTION [GVARIANT]\n");
      return 2;
    }
  if (argc == 4 && (value = g_variant_parse (NULL, argv[3], NULL, NULL, &error)) == NULL)
    {
      g_printerr ("bench-action: %s\n", error->message);
      return 2;
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_printerr ("bench-action: %s\n", error->message);
      return 1;
    }

  g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
  if (value != NULL)
    g_variant_builder_add (&parameter, "v", value);
  path = object_path_for (argv[1]);

  printf ("sent %.3f\n", g_get_real_time () / 1000.0);
  fflush (stdout);
  reply = g_dbus_connection_call_sync (bus, argv[1], path, "org.freedesktop.Application",
                                       "ActivateAction",
                                       g_variant_new ("(sava{sv})", argv[2], &parameter, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  if (reply == NULL)
    {
      g_printerr ("bench-action: %s\n", error->message);
      return 1;
    }
  return 0;
}
