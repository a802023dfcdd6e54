import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-gov-red text-white hover:bg-gov-red-dark disabled:bg-gray-400",
  secondary: "border border-line bg-white text-ink hover:bg-gray-50 disabled:text-gray-400",
  danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50 disabled:text-gray-400",
} as const;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
}

export function Button({ variant = "primary", className = "", type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center rounded px-4 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}

/** Link styled like a button (for navigation to forms). */
export const buttonLinkClass = (variant: keyof typeof VARIANTS = "primary") =>
  `inline-flex items-center justify-center rounded px-4 py-2 text-sm font-medium no-underline ${VARIANTS[variant]}`;
