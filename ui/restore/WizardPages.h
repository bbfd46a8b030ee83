#pragma once

// The restore wizard's pages, one class a file, in the order the wizard shows them.
#include "pages/TargetWizardPage.h"
#include "pages/PreflightWizardPage.h"
#include "pages/PlanWizardPage.h"
#include "pages/CautionsWizardPage.h"
#include "pages/ProgressWizardPage.h"
#include "pages/DataWizardPage.h"
#include "pages/FinishWizardPage.h"
