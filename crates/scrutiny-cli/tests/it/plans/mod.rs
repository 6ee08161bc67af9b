mod action_plans;
mod golden_business_plan;
mod golden_scs;
