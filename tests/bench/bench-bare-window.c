/* bench-bare-window.c — the yardstick for startup time and memory: a bare libadwaita window
 *
 *   bench-bare-window [--hold SECONDS]
 *
 * An AdwApplication with one AdwApplicationWindow of the application's default size (a header
 * bar and a status page), nothing else. When its first frame has been painted it prints
 *
 *     painted <unix ms, fractional>
 *
 * timed exactly as the application's trace times `window-shown`: an emission hook on
 * GdkSurface::render arms a one-shot handler on the frame clock's after-paint, and the time is
 * taken there. Then it quits, or stays --hold seconds so that its memory can be read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <adwaita.h>

static int hold_s;
static gboolean painted;

static gboolean
on_hold_over_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, data);
  printf ("painted %.3f\n", g_get_real_time () / 1000.0);
  fflush (stdout);

  /* The window keeps the application running; closing it ends the process. */
  if (hold_s > 0)
    g_timeout_add_seconds (hold_s, on_hold_over_cb, data);
  else
    gtk_window_destroy (GTK_WINDOW (data));
}

static gboolean
on_surface_render_hook (GSignalInvocationHint *hint,
                        guint                  n_params,
                        const GValue          *params,
                        gpointer               data)
{
  GdkSurface *surface = g_value_get_object (&params[0]);
  GtkWindow *window = data;

  if (painted || gtk_native_get_surface (GTK_NATIVE (window)) != surface)
    return TRUE;
  painted = TRUE;
  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (on_after_paint_cb), window);
  return FALSE;
}

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  guint signal_id;

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "call-start-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare window");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  signal_id = g_signal_lookup ("render", GDK_TYPE_SURFACE);
  g_signal_add_emission_hook (signal_id, 0, on_surface_render_hook, window, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  const GOptionEntry entries[] = {
    { "hold", 0, 0, G_OPTION_ARG_INT, &hold_s, "Stay this many seconds after the first frame", "S" },
    { NULL }
  };

  /* Registered on the session bus like the application, so both pay for the same start. */
  app = adw_application_new ("org.babaihu.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
