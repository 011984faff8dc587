/* agent-spinners.c — spinners spin only while they are on screen
 *
 * Every page keeps a "loading" GtkSpinner in its stack, spinning, so that it is ready when a
 * load starts. GTK 4.8 keeps animating a spinning spinner that is hidden in a stack, and the
 * window then redraws sixty times a second while nothing changes (make bench measured 11–17 %
 * of a core, idle). Rather than ask every page to start and stop its spinners, one pair of
 * emission hooks on GtkWidget::map and ::unmap stops a spinner when it leaves the screen and
 * starts it again when it comes back; what the page asked for is remembered meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-spinners"

#include "config.h"

#include <gtk/gtk.h>

#include "agent-spinners.h"

#define WANTED_KEY  "agent-spinner-wanted"
#define WATCHED_KEY "agent-spinner-watched"
#define GUARD_KEY   "agent-spinner-guard"

static void
set_spinning_quietly (GtkSpinner *spinner,
                      gboolean    spinning)
{
  g_object_set_data (G_OBJECT (spinner), GUARD_KEY, GINT_TO_POINTER (1));
  gtk_spinner_set_spinning (spinner, spinning);
  g_object_set_data (G_OBJECT (spinner), GUARD_KEY, NULL);
}

/* The page (or a binding) changed its mind: remember it, and obey only when on screen. */
static void
on_spinning_changed_cb (GtkSpinner *spinner,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  gboolean spinning = gtk_spinner_get_spinning (spinner);

  if (g_object_get_data (G_OBJECT (spinner), GUARD_KEY) != NULL)
    return;

  g_object_set_data (G_OBJECT (spinner), WANTED_KEY, GINT_TO_POINTER (spinning));
  if (spinning && !gtk_widget_get_mapped (GTK_WIDGET (spinner)))
    set_spinning_quietly (spinner, FALSE);
}

static void
watch (GtkSpinner *spinner)
{
  if (g_object_get_data (G_OBJECT (spinner), WATCHED_KEY) != NULL)
    return;

  g_object_set_data (G_OBJECT (spinner), WATCHED_KEY, GINT_TO_POINTER (1));
  g_object_set_data (G_OBJECT (spinner), WANTED_KEY,
                     GINT_TO_POINTER (gtk_spinner_get_spinning (spinner)));
  g_signal_connect (spinner, "notify::spinning", G_CALLBACK (on_spinning_changed_cb), NULL);
}

static gboolean
on_map_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               user_data)
{
  gboolean mapping = GPOINTER_TO_INT (user_data);
  GObject *object = g_value_get_object (&params[0]);
  GtkSpinner *spinner;

  if (!GTK_IS_SPINNER (object))
    return TRUE;

  spinner = GTK_SPINNER (object);
  watch (spinner);

  if (mapping)
    {
      if (GPOINTER_TO_INT (g_object_get_data (object, WANTED_KEY)))
        set_spinning_quietly (spinner, TRUE);
    }
  else if (gtk_spinner_get_spinning (spinner))
    {
      set_spinning_quietly (spinner, FALSE);
    }

  return TRUE;
}

/* A spinner starts spinning (in GtkBuilder's g_object_new(), say) before it was ever mapped:
 * the map hook would never see it, and a spinner in a stack page that is never shown would
 * spin for good. Its state flags change when it starts: watch it from there, and the
 * notify::spinning that follows stops it until it is mapped. */
static gboolean
on_state_flags_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_SPINNER (object) && !gtk_widget_get_mapped (GTK_WIDGET (object)) &&
      g_object_get_data (object, WATCHED_KEY) == NULL)
    watch (GTK_SPINNER (object));

  return TRUE;
}

/**
 * agent_spinners_install:
 *
 * Makes every GtkSpinner of the process spin only while it is mapped. Call once, before
 * the first window is built.
 */
void
agent_spinners_install (void)
{
  static gboolean installed;
  g_autoptr(GTypeClass) klass = NULL;

  if (installed)
    return;
  installed = TRUE;

  klass = g_type_class_ref (GTK_TYPE_WIDGET);
  g_type_ensure (GTK_TYPE_SPINNER);
  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              on_map_hook, GINT_TO_POINTER (TRUE), NULL);
  g_signal_add_emission_hook (g_signal_lookup ("unmap", GTK_TYPE_WIDGET), 0,
                              on_map_hook, GINT_TO_POINTER (FALSE), NULL);
  g_signal_add_emission_hook (g_signal_lookup ("state-flags-changed", GTK_TYPE_WIDGET), 0,
                              on_state_flags_hook, NULL, NULL);
}
