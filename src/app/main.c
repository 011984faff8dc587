/* main.c — babaihu-agent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "agent-application.h"
#include "agent-spinners.h"

static void
on_startup_cb (GApplication *application,
               gpointer      user_data)
{
  agent_spinners_install ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AgentApplication) app = NULL;
  const char *localedir = g_getenv ("BABAIHU_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* BABAIHU_LOCALEDIR: the build tree's po/ directory, to see the translations uninstalled
   * (`make screenshots` does). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Babaihu Agent"));

  app = agent_application_new ();
  /* After GtkApplication's own startup has initialised GTK. */
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
